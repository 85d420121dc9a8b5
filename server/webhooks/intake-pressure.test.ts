import { setTimeout as sleep } from "node:timers/promises";

import { afterEach, describe, expect, it } from "vitest";

import { createIntakePressure } from "./intake-pressure";

const busyFor = (ms: number, onTick: () => void) => {
  const until = performance.now() + ms;
  while (performance.now() < until) onTick();
};

describe("intake pressure", () => {
  let pressure: ReturnType<typeof createIntakePressure> | undefined;
  afterEach(() => pressure?.stop());

  it("is on while deliveries arrive on a saturated event loop, and off once the loop has room", async () => {
    pressure = createIntakePressure({ windowMs: 50, minDeliveries: 10 });
    let calls = 0;
    busyFor(150, () => {
      if (calls++ % 1_000 === 0) pressure?.received();
    });
    // The window that just closed (overdue behind the busy loop) is judged first.
    await sleep(1);
    expect(pressure.pressed()).toBe(true);
    await sleep(200);
    expect(pressure.pressed()).toBe(false);
  });

  it("stays off when the loop is saturated by other work (a backlog being processed)", async () => {
    pressure = createIntakePressure({ windowMs: 50, minDeliveries: 10 });
    busyFor(150, () => undefined);
    await sleep(1);
    expect(pressure.pressed()).toBe(false);
  });
});
