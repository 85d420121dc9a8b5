/**
 * One process's queue of callers waiting for the same GHL resource. Only the caller at the head
 * asks the database; the rest wait here in arrival order. Without it every waiter of a busy
 * location polls the shared table each time a slot frees (a dozen UPDATEs per grant), which is
 * what capped twenty parallel imports well below GHL's ceiling.
 */
export type LocalLine = {
  /**
   * Waits until every earlier caller for `key` has been served (or gave up). `giveUpAt` and
   * `signal` end the wait early; the caller's place is released only after its predecessor's, so
   * two callers are never at the head at once.
   */
  join(
    key: string,
    giveUpAt: number,
    signal?: AbortSignal,
  ): Promise<{ leave: () => void; timedOut: boolean; expectedFreeAt: number }>;
  /** The head's latest estimate of when a slot frees, so callers behind can fail fast. */
  expect(key: string, freeAt: number): void;
};

type Line = { tail: Promise<void>; members: number; freeAt: number };

export const createLocalLine = (now: () => number = Date.now): LocalLine => {
  const lines = new Map<string, Line>();

  return {
    async join(key, giveUpAt, signal) {
      let line = lines.get(key);
      if (!line) {
        line = { tail: Promise.resolve(), members: 0, freeAt: 0 };
        lines.set(key, line);
      }
      const current = line;
      const before = current.tail;
      let release!: () => void;
      const mine = new Promise<void>((resolve) => (release = resolve));
      current.tail = mine;
      current.members += 1;
      let left = false;
      const leave = () => {
        if (left) return;
        left = true;
        // Our place frees only once the caller ahead has left too.
        void before.then(() => {
          release();
          current.members -= 1;
          if (current.members === 0 && lines.get(key) === current) lines.delete(key);
        });
      };

      let timer: ReturnType<typeof setTimeout> | undefined;
      let onAbort: (() => void) | undefined;
      const outcome = await Promise.race([
        before.then(() => "turn" as const),
        new Promise<"timeout">((resolve) => {
          timer = setTimeout(() => resolve("timeout"), Math.max(0, giveUpAt - now()));
        }),
        new Promise<"abort">((resolve) => {
          if (!signal) return;
          onAbort = () => resolve("abort");
          if (signal.aborted) onAbort();
          else signal.addEventListener("abort", onAbort, { once: true });
        }),
      ]);
      clearTimeout(timer);
      if (onAbort) signal?.removeEventListener("abort", onAbort);
      if (outcome === "abort") {
        leave();
        throw signal?.reason instanceof Error ? signal.reason : new Error("aborted");
      }
      return { leave, timedOut: outcome === "timeout", expectedFreeAt: current.freeAt };
    },

    expect(key, freeAt) {
      const line = lines.get(key);
      if (line) line.freeAt = freeAt;
    },
  };
};
