import type { ResolvedOptions } from "../config";
import type { Clock } from "../core/clock";
import type { Ids } from "../core/ids";
import type { FaultState } from "../core/faults";
import type { createSigner } from "./keys";

export type WebhookTarget = { appId: string; url: string };

export type DeliveryAttempt = { at: number; status: number | null; error: string | null };

export type WebhookDelivery = {
  webhookId: string;
  appId: string;
  url: string;
  type: string;
  locationId: string | null;
  /** The exact bytes sent (and signed). */
  body: string;
  state: "queued" | "delivered" | "retrying" | "failed" | "dropped";
  attempts: DeliveryAttempt[];
};

export type OutgoingEvent = {
  type: string;
  locationId?: string | null;
  companyId?: string | null;
  /** Only this app (INSTALL/UNINSTALL go to the installing app alone). */
  appId?: string;
  data: Record<string, unknown>;
};

type Deps = {
  options: ResolvedOptions["webhooks"];
  clock: Clock;
  ids: Ids;
  faults: FaultState;
  signer: ReturnType<typeof createSigner>;
  targets: (event: OutgoingEvent) => WebhookTarget[];
};

const MAX_LOG = 20_000;

/**
 * Delivers events as GHL does: one signed POST per target, retried only when the receiver answers
 * 429 (up to `maxRetries`, `retryIntervalMs` + jitter apart); any other answer, or a network error,
 * is final. Faults can drop, duplicate or reorder deliveries.
 */
export const createDispatcher = ({ options, clock, ids, faults, signer, targets }: Deps) => {
  const log: WebhookDelivery[] = [];
  const queue: WebhookDelivery[] = [];
  /** Deliveries waiting for a retry or a reorder hold, by their timer. */
  const timers = new Map<NodeJS.Timeout, WebhookDelivery>();
  let inFlight = 0;
  let waiters: (() => void)[] = [];
  let closed = false;

  const settleWaiters = () => {
    if (inFlight > 0 || queue.length > 0 || timers.size > 0) return;
    const pending = waiters;
    waiters = [];
    for (const resolve of pending) resolve();
  };

  const send = async (delivery: WebhookDelivery) => {
    const bytes = Buffer.from(delivery.body);
    const headers: Record<string, string> = {
      "content-type": "application/json",
      "user-agent": "GHL-Sandbox-Webhooks/1.0",
      "x-ghl-signature": signer.ed25519(bytes),
    };
    if (options.signRsa) headers["x-wh-signature"] = signer.rsa(bytes);
    const attempt: DeliveryAttempt = { at: clock.now(), status: null, error: null };
    delivery.attempts.push(attempt);
    try {
      const response = await fetch(delivery.url, {
        method: "POST",
        headers,
        body: bytes,
        signal: AbortSignal.timeout(options.timeoutMs),
      });
      attempt.status = response.status;
      await response.arrayBuffer().catch(() => undefined);
    } catch (error) {
      attempt.error = error instanceof Error ? error.message : String(error);
    }
    const retriesUsed = delivery.attempts.length - 1;
    if (attempt.status === 429 && retriesUsed < options.maxRetries && !closed) {
      delivery.state = "retrying";
      const wait = options.retryIntervalMs + faults.random.int(options.retryJitterMs + 1);
      const timer = setTimeout(() => {
        timers.delete(timer);
        enqueue(delivery);
      }, wait);
      timers.set(timer, delivery);
      return;
    }
    delivery.state =
      attempt.status !== null && attempt.status >= 200 && attempt.status < 300
        ? "delivered"
        : "failed";
  };

  const pump = () => {
    while (inFlight < options.concurrency && queue.length > 0) {
      const delivery = queue.shift();
      if (!delivery) break;
      inFlight++;
      void send(delivery).finally(() => {
        inFlight--;
        pump();
        settleWaiters();
      });
    }
    settleWaiters();
  };

  const enqueue = (delivery: WebhookDelivery) => {
    queue.push(delivery);
    setImmediate(pump);
  };

  /** Reordering holds each delivery back a random while, so later events can overtake it. */
  const schedule = (delivery: WebhookDelivery) => {
    if (!faults.webhooks.reorder) return enqueue(delivery);
    const timer = setTimeout(() => {
      timers.delete(timer);
      enqueue(delivery);
    }, faults.random.int(faults.webhooks.reorderWindowMs));
    timers.set(timer, delivery);
  };

  const remember = (delivery: WebhookDelivery) => {
    log.push(delivery);
    if (log.length > MAX_LOG) log.splice(0, log.length - MAX_LOG);
  };

  return {
    emit(event: OutgoingEvent) {
      if (closed) return;
      for (const target of targets(event)) {
        const webhookId = ids.uuid();
        const body = JSON.stringify({
          type: event.type,
          ...(event.locationId ? { locationId: event.locationId } : {}),
          ...event.data,
          timestamp: new Date(clock.now()).toISOString(),
          webhookId,
        });
        const delivery: WebhookDelivery = {
          webhookId,
          appId: target.appId,
          url: target.url,
          type: event.type,
          locationId: event.locationId ?? null,
          body,
          state: "queued",
          attempts: [],
        };
        remember(delivery);
        if (faults.random.chance(faults.webhooks.dropRate)) {
          delivery.state = "dropped";
          continue;
        }
        schedule(delivery);
        // A duplicate is the same bytes again, as a receiver would see from a replaying sender.
        if (faults.random.chance(faults.webhooks.duplicateRate)) {
          const copy: WebhookDelivery = { ...delivery, attempts: [], state: "queued" };
          remember(copy);
          schedule(copy);
        }
      }
    },
    deliveries: () => log,
    /** Resolves once nothing is queued, in flight or waiting for a retry. */
    idle: () =>
      new Promise<void>((resolve) => {
        waiters.push(resolve);
        setImmediate(settleWaiters);
      }),
    /** Sends every delivery waiting on a timer (retries, reorder holds) now. */
    retryNow() {
      for (const [timer, delivery] of timers) {
        clearTimeout(timer);
        timers.delete(timer);
        enqueue(delivery);
      }
    },
    close() {
      closed = true;
      for (const timer of timers.keys()) clearTimeout(timer);
      timers.clear();
      queue.length = 0;
      settleWaiters();
    },
  };
};

export type Dispatcher = ReturnType<typeof createDispatcher>;
