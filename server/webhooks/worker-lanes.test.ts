import { describe, expect, it } from "vitest";

import type { ClaimedEvent } from "./inbox.repo";
import { canBatch } from "./process-batch";
import { createLanes } from "./worker-lanes";

let seq = 0;
const event = (ghlType: string, ghlLocationId: string | null = "LocA") => {
  seq++;
  return {
    id: `e${seq}`,
    seq,
    ghlType,
    ghlLocationId,
    ghlCompanyId: "Company1",
    rawBody: new Uint8Array(),
    eventAt: null,
    receivedAt: new Date(),
    attempts: 1,
    claimToken: "t",
  } satisfies ClaimedEvent;
};

const lanes = (batchSize = 50) => createLanes({ perLocation: 5, batchSize, canBatch });
const ids = (events: ClaimedEvent[] | undefined) => events?.map((e) => e.id);

describe("worker lanes", () => {
  it("puts many mirror events of one location into one batch, up to the batch size", () => {
    const waiting = Array.from({ length: 7 }, () => event("ContactUpdate"));
    const all = ids(waiting);
    const l = lanes(4);
    const first = l.next(waiting);
    const second = l.next(waiting);
    expect(first?.batch).toBe(true);
    expect(ids(first?.events)).toEqual(all?.slice(0, 4));
    // The location's next batch starts while the first is still running.
    expect(ids(second?.events)).toEqual(all?.slice(4));
    expect(waiting).toHaveLength(0);
  });

  it("runs up to five unbatchable events of one location at once, then waits for one to end", () => {
    const waiting = Array.from({ length: 6 }, () => event("SomethingNew"));
    const sixth = waiting[5];
    const l = lanes();
    const started = [1, 2, 3, 4, 5].map(() => l.next(waiting));
    expect(started.map((u) => u?.events.length)).toEqual([1, 1, 1, 1, 1]);
    expect(l.next(waiting)).toBeNull();
    l.release(started[2]!);
    expect(l.next(waiting)).toEqual({ batch: false, events: [sixth] });
  });

  it("keeps lifecycle events in receipt order: alone in their lane, nothing overtakes them", () => {
    const before = event("ContactUpdate");
    const install = event("INSTALL");
    const after = event("ContactUpdate");
    const elsewhere = event("ContactUpdate", "LocB");
    const waiting = [before, install, after, elsewhere];
    const l = lanes();
    const batch = l.next(waiting);
    // The location's event received before INSTALL and the other location's go; `after` waits.
    expect(ids(batch?.events)).toEqual([before.id, elsewhere.id]);
    expect(l.next(waiting)).toBeNull();
    l.release(batch!);
    const alone = l.next(waiting);
    expect(alone).toEqual({ batch: false, events: [install] });
    expect(l.next(waiting)).toBeNull();
    l.release(alone!);
    expect(ids(l.next(waiting)?.events)).toEqual([after.id]);
  });
});
