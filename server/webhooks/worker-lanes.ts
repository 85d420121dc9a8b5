import type { ClaimedEvent } from "./inbox.repo";

/**
 * App lifecycle effects (grants, connected locations) are not versioned like mirror rows, and a
 * location's other events may depend on them: they run alone in their lane, in receipt order.
 */
const EXCLUSIVE = new Set(["INSTALL", "UNINSTALL", "PLAN_CHANGE"]);

const laneOf = (event: ClaimedEvent) =>
  event.ghlLocationId ?? `company:${event.ghlCompanyId ?? ""}`;

/** Work the local worker starts as one: a batch of mirror events, or one event on its own. */
export type WorkUnit = { events: ClaimedEvent[]; batch: boolean };

export type LaneOptions = {
  /** Events of one location processed at once, outside batches. */
  perLocation: number;
  batchSize: number;
  canBatch: (ghlType: string) => boolean;
};

/**
 * Decides which claimed events may start. Mirror events are newest-version-wins and idempotent, so
 * any of them, of any location, may share a batch and finish in any order; only lifecycle events
 * keep their place in their location's line.
 */
export const createLanes = ({ perLocation, batchSize, canBatch }: LaneOptions) => {
  const busy = new Map<string, number>();
  const exclusive = new Set<string>();

  const hold = (unit: WorkUnit) => {
    for (const lane of new Set(unit.events.map(laneOf))) busy.set(lane, (busy.get(lane) ?? 0) + 1);
    const [first] = unit.events;
    if (first && EXCLUSIVE.has(first.ghlType)) exclusive.add(laneOf(first));
    return unit;
  };

  return {
    /** The next unit that may start now, removed from `waiting` (oldest first); null if none. */
    next(waiting: ClaimedEvent[]): WorkUnit | null {
      const barred = new Set<string>();
      const batch: number[] = [];
      const batchLanes = new Set<string>();
      for (let i = 0; i < waiting.length; i++) {
        const event = waiting[i] as ClaimedEvent;
        const lane = laneOf(event);
        const alone = EXCLUSIVE.has(event.ghlType);
        if (barred.has(lane) || exclusive.has(lane)) {
          if (alone) barred.add(lane);
          continue;
        }
        if (alone) {
          // Nothing received after it overtakes it, and it waits for what came before.
          barred.add(lane);
          if (busy.has(lane) || batchLanes.has(lane)) continue;
          waiting.splice(i, 1);
          return hold({ events: [event], batch: false });
        }
        if (canBatch(event.ghlType)) {
          if (batch.length < batchSize) {
            batch.push(i);
            batchLanes.add(lane);
          }
          continue;
        }
        if ((busy.get(lane) ?? 0) < perLocation) {
          waiting.splice(i, 1);
          return hold({ events: [event], batch: false });
        }
      }
      if (batch.length === 0) return null;
      const events = batch.map((i) => waiting[i] as ClaimedEvent);
      for (let k = batch.length - 1; k >= 0; k--) waiting.splice(batch[k] as number, 1);
      return hold({ events, batch: true });
    },
    release(unit: WorkUnit) {
      for (const lane of new Set(unit.events.map(laneOf))) {
        const running = (busy.get(lane) ?? 1) - 1;
        if (running > 0) busy.set(lane, running);
        else busy.delete(lane);
      }
      const [first] = unit.events;
      if (first && EXCLUSIVE.has(first.ghlType)) exclusive.delete(laneOf(first));
    },
  };
};
