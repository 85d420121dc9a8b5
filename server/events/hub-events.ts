import { log } from "../log";
import type { HubEvent } from "../webhooks/process-event";

type Listener = (event: HubEvent) => void | Promise<void>;

const store = globalThis as typeof globalThis & { __ghlhubHubListeners?: Set<Listener> };
const listeners = (store.__ghlhubHubListeners ??= new Set());

/**
 * In-process subscribers to processed GHL events (the local driver's stand-in for Inngest event
 * triggers); automations subscribe here. Returns the unsubscribe function.
 */
export const onHubEvent = (listener: Listener) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};

export const publishLocally = async (event: HubEvent) => {
  for (const listener of listeners) {
    await Promise.resolve(listener(event)).catch((error: unknown) =>
      log.error({ err: error, type: event.type }, "a hub event listener failed"),
    );
  }
};
