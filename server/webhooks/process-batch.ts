import { isKnownGhlType, normaliseEventType } from "./event-types";
import { HANDLERS } from "./handlers";
import { createMirrorWrites, writeMirror } from "./handlers/mirror-writes";
import type { EventTenant } from "./handlers/types";
import { type ClaimedEvent, markProcessedMany } from "./inbox.repo";
import { parseStoredBody } from "./payload";
import {
  LostClaimError,
  type ProcessDeps,
  type ProcessResult,
  processClaimedEvent,
  processedResult,
} from "./process-event";
import { resolveLocationTenants } from "./tenant";

/** Mirror changes and publish-only events: no call to GHL, nothing but newest-wins writes. */
export const canBatch = (ghlType: string) => {
  if (!isKnownGhlType(ghlType)) return false;
  const handler = HANDLERS[ghlType];
  return (
    handler.scope === "location" &&
    !handler.prepare &&
    (handler.stage !== undefined || !handler.apply)
  );
};

/** Events a batch hands back run this many at a time. */
const SINGLE_LANES = 4;

type Staged = {
  event: ClaimedEvent;
  tenant: EventTenant;
  body: Record<string, unknown>;
  what: string;
};

/**
 * Processes several claimed events in one transaction: one tenant lookup, one statement per mirror
 * table, one `processed` mark for all. Exactly-once holds as for one event: the writes and the
 * marks commit together, and a lost claim rolls the batch back. Whatever the batch cannot take (an
 * unknown or disconnected location, a bad payload) or a batch that fails goes through
 * processClaimedEvent one event at a time, which records why and schedules retries.
 */
export const processClaimedBatch = async (
  deps: ProcessDeps,
  events: ClaimedEvent[],
  onResult: (event: ClaimedEvent, result: ProcessResult) => Promise<void>,
) => {
  const single: ClaimedEvent[] = [];
  const staged: Staged[] = [];
  const writes = createMirrorWrites();
  try {
    const ids = new Set<string>();
    for (const event of events) if (event.ghlLocationId) ids.add(event.ghlLocationId);
    const tenants = await resolveLocationTenants(deps.db, [...ids]);
    for (const event of events) {
      const tenant = event.ghlLocationId ? tenants.get(event.ghlLocationId) : undefined;
      if (!tenant || !canBatch(event.ghlType)) {
        single.push(event);
        continue;
      }
      try {
        const body = parseStoredBody(event.rawBody);
        const handler = HANDLERS[event.ghlType as keyof typeof HANDLERS];
        const input = {
          inboxId: event.id,
          ghlType: event.ghlType,
          body,
          tenant,
          fallbackVersion: event.eventAt ?? event.receivedAt,
        };
        const what = handler.stage?.(input, writes) ?? "published";
        staged.push({ event, tenant, body, what });
      } catch {
        single.push(event);
      }
    }
    if (staged.length > 0) {
      await deps.db.transaction(async (tx) => {
        await writeMirror(tx, writes);
        const marked = await markProcessedMany(
          tx,
          staged.map(({ event, tenant }) => ({
            event,
            tenant,
            eventType: normaliseEventType(event.ghlType),
          })),
        );
        if (marked !== staged.length) throw new LostClaimError();
      });
    }
  } catch {
    // Nothing was committed (a lost claim, a failed statement): every event again on its own,
    // which sorts out which one it was.
    staged.length = 0;
    single.splice(0, single.length, ...events);
  }
  for (const { event, tenant, body, what } of staged)
    await onResult(event, processedResult(event, tenant, what, body));
  const next = single.values();
  const lane = async () => {
    for (const event of next) await onResult(event, await processClaimedEvent(deps, event));
  };
  await Promise.all(Array.from({ length: Math.min(SINGLE_LANES, single.length) }, lane));
};
