import { describe, expect, it } from "vitest";

import { type TakeAnswer, LineWaitError, createGrantLine } from "./grant-line";

/** A fake database window: `free` slots now; each take hands out stamps s1, s2, … in order. */
const fakeWindow = (free: number, waitMs = 50) => {
  const takes: number[] = [];
  const dropped: string[] = [];
  let next = 0;
  let room = free;
  let gate: Promise<void> = Promise.resolve();
  return {
    takes,
    dropped,
    /** Refills the window (as if hits left it). */
    free: (slots: number) => (room += slots),
    /** Holds the next takes until the returned function is called. */
    hold: () => {
      let open!: () => void;
      gate = new Promise<void>((resolve) => (open = resolve));
      return open;
    },
    deps: {
      burst: 10,
      jitterMs: () => 0,
      take: async (_key: string, count: number): Promise<TakeAnswer> => {
        takes.push(count);
        await gate;
        const granted = Math.min(room, count);
        room -= granted;
        if (granted === 0) return { kind: "wait", waitMs };
        const grants = Array.from({ length: granted }, () => `s${++next}`);
        return { kind: "granted", grants, inWindow: 10 - room, waitMs: room > 0 ? 0 : waitMs };
      },
      drop: (_key: string, grants: string[]) => {
        dropped.push(...grants);
        return Promise.resolve();
      },
    },
  };
};

const far = () => Date.now() + 60_000;

describe("createGrantLine", () => {
  it("asks once for every caller waiting and hands the grants out in arrival order", async () => {
    const window = fakeWindow(10);
    const open = window.hold();
    const line = createGrantLine(window.deps);
    const first = line.wait("loc", far());
    // Callers that arrive while the first take is in flight are served together by the next.
    const rest = Array.from({ length: 6 }, () => line.wait("loc", far()));
    open();
    const grants = await Promise.all([first, ...rest]);
    expect(grants.map((g) => g.grantedAt)).toEqual(["s1", "s2", "s3", "s4", "s5", "s6", "s7"]);
    expect(window.takes).toEqual([1, 6]);
    expect(grants[6]?.inWindow).toBe(7);
  });

  it("waits for the window when it is full, then serves the callers still waiting", async () => {
    const window = fakeWindow(2, 30);
    const line = createGrantLine(window.deps);
    const started = Date.now();
    const waiting = Array.from({ length: 4 }, () => line.wait("loc", far()));
    setTimeout(() => window.free(2), 10);
    const grants = await Promise.all(waiting);
    expect(grants.map((g) => g.grantedAt)).toEqual(["s1", "s2", "s3", "s4"]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(25);
    // The first caller's take, one for the three behind it (one slot left), then after the
    // wait one for the two still waiting.
    expect(window.takes).toEqual([1, 3, 2]);
  });

  it("tells a caller at once when the next slot frees after its deadline", async () => {
    const window = fakeWindow(0, 5_000);
    const line = createGrantLine(window.deps);
    const error = await line.wait("loc", Date.now() + 100).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LineWaitError);
    expect((error as LineWaitError).waitMs).toBeGreaterThan(4_000);
  });

  it("gives back grants whose callers gave up while the take was in flight", async () => {
    const window = fakeWindow(10);
    const line = createGrantLine(window.deps);
    const openFirst = window.hold();
    const first = line.wait("loc", far());
    const controller = new AbortController();
    const leaving = line.wait("loc", far(), controller.signal).catch((e: unknown) => e);
    const staying = line.wait("loc", far());
    const openSecond = window.hold();
    openFirst();
    expect((await first).grantedAt).toBe("s1");
    await new Promise((resolve) => setTimeout(resolve, 5));
    // The second take asked for both callers behind; one leaves before its answer.
    expect(window.takes).toEqual([1, 2]);
    controller.abort(new Error("caller gave up"));
    openSecond();
    expect(await leaving).toEqual(new Error("caller gave up"));
    expect((await staying).grantedAt).toBe("s2");
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(window.dropped).toEqual(["s3"]);
  });

  it("fails every caller waiting when the database fails, and serves the next ones", async () => {
    let fail = true;
    const window = fakeWindow(10);
    const line = createGrantLine({
      ...window.deps,
      take: (key, count) =>
        fail ? Promise.reject(new Error("connection lost")) : window.deps.take(key, count),
    });
    const failed = await Promise.all(
      [line.wait("loc", far()), line.wait("loc", far())].map((p) => p.catch((e: unknown) => e)),
    );
    expect(failed).toEqual([new Error("connection lost"), new Error("connection lost")]);
    fail = false;
    expect((await line.wait("loc", far())).grantedAt).toBe("s1");
  });

  it("keeps resources apart", async () => {
    const window = fakeWindow(10);
    const line = createGrantLine(window.deps);
    const [a, b] = await Promise.all([line.wait("a", far()), line.wait("b", far())]);
    expect([a.grantedAt, b.grantedAt].sort()).toEqual(["s1", "s2"]);
    expect(window.takes).toEqual([1, 1]);
  });
});
