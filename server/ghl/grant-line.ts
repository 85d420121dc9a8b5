/**
 * One process's queue of callers waiting for the same GHL resource. One loop per resource asks the
 * database for as many slots as there are callers waiting, and hands what it gets to them in
 * arrival order. Asking once per caller made the tenth caller of a freed window wait ten round
 * trips, which is what held twenty parallel imports below GHL's ceiling.
 */
export type TakeAnswer =
  /** `inWindow`: the hits the window held once these were granted, them included. */
  | { kind: "granted"; grants: string[]; inWindow: number; waitMs: number }
  | { kind: "wait"; waitMs: number };

export type Grant = { grantedAt: string; inWindow: number };

export type GrantLineDeps = {
  /** Takes up to `count` slots; `waitMs` says when the next one frees (0 if one may be free now). */
  take: (key: string, count: number) => Promise<TakeAnswer>;
  /** Gives back grants nobody is left to use (their callers gave up while the take was in flight). */
  drop: (key: string, grants: string[]) => Promise<void>;
  /** At most this many slots are asked for at once (GHL's burst). */
  burst: number;
  now?: () => number;
  /** Added to each wait, so other processes' loops woken by the same slot do not collide. */
  jitterMs?: () => number;
};

type Waiter = {
  giveUpAt: number;
  resolve: (grant: Grant) => void;
  reject: (error: Error) => void;
};

/** `taking`: a take is in flight; a caller whose deadline passes meanwhile waits for its answer. */
type Line = { waiters: Waiter[]; freeAt: number; taking: boolean };

/** Thrown to a caller whose wait would run past its deadline; `waitMs` is the line's estimate. */
export class LineWaitError extends Error {
  override name = "LineWaitError";
  constructor(readonly waitMs: number) {
    super(`a slot frees in ${Math.ceil(waitMs)} ms`);
  }
}

const abortReason = (signal?: AbortSignal) =>
  signal?.reason instanceof Error ? signal.reason : new Error("aborted");

export const createGrantLine = ({
  take,
  drop,
  burst,
  now = Date.now,
  jitterMs = () => Math.random() * 5,
}: GrantLineDeps) => {
  const lines = new Map<string, Line>();

  const leave = (line: Line, waiter: Waiter) => {
    const at = line.waiters.indexOf(waiter);
    if (at >= 0) line.waiters.splice(at, 1);
    return at >= 0;
  };

  /** Hands `grants` to the callers at the front; what is left over goes back to the database. */
  const serve = async (key: string, line: Line, grants: string[], inWindow: number) => {
    const unused: string[] = [];
    for (const grantedAt of grants) {
      const waiter = line.waiters.shift();
      if (waiter) waiter.resolve({ grantedAt, inWindow });
      else unused.push(grantedAt);
    }
    if (unused.length > 0) await drop(key, unused);
  };

  /** Callers whose deadline comes before the next slot are told now, not when it passes. */
  const failFast = (line: Line, waitMs: number) => {
    const freeAt = now() + waitMs;
    line.freeAt = freeAt;
    for (const waiter of [...line.waiters])
      if (waiter.giveUpAt < freeAt && leave(line, waiter)) waiter.reject(new LineWaitError(waitMs));
  };

  const pump = async (key: string, line: Line) => {
    try {
      while (line.waiters.length > 0) {
        line.taking = true;
        const answer = await take(key, Math.min(line.waiters.length, burst)).finally(
          () => (line.taking = false),
        );
        if (answer.kind === "granted") await serve(key, line, answer.grants, answer.inWindow);
        if (line.waiters.length === 0) break;
        failFast(line, answer.waitMs);
        if (line.waiters.length > 0 && answer.waitMs > 0)
          await new Promise((resolve) => setTimeout(resolve, answer.waitMs + jitterMs()));
      }
    } catch (error) {
      // The database is what failed: every caller waiting on it gets the error, none hangs.
      const failure = error instanceof Error ? error : new Error("taking a GHL slot failed");
      for (const waiter of line.waiters.splice(0)) waiter.reject(failure);
    } finally {
      if (lines.get(key) === line) lines.delete(key);
      // A caller that joined after the loop decided to stop starts a new loop.
      if (line.waiters.length > 0) start(key, line);
    }
  };

  const start = (key: string, line: Line) => {
    lines.set(key, line);
    void pump(key, line);
  };

  return {
    /** Resolves with the grant's stamp once a slot is this caller's. */
    wait(key: string, giveUpAt: number, signal?: AbortSignal): Promise<Grant> {
      if (signal?.aborted) return Promise.reject(abortReason(signal));
      return new Promise<Grant>((resolve, reject) => {
        const existing = lines.get(key);
        const line = existing ?? { waiters: [], freeAt: 0, taking: false };
        const onAbort = () => {
          if (leave(line, waiter)) finish(() => reject(abortReason(signal)));
        };
        const finish = (settle: () => void) => {
          clearTimeout(timer);
          signal?.removeEventListener("abort", onAbort);
          settle();
        };
        const waiter: Waiter = {
          giveUpAt,
          resolve: (grant) => finish(() => resolve(grant)),
          reject: (error) => finish(() => reject(error)),
        };
        line.waiters.push(waiter);
        // A take in flight may still serve this caller; its answer rejects it otherwise.
        const timer = setTimeout(
          () => {
            if (!line.taking && leave(line, waiter))
              waiter.reject(new LineWaitError(Math.max(line.freeAt - now(), 0)));
          },
          Math.max(0, giveUpAt - now()),
        );
        signal?.addEventListener("abort", onAbort, { once: true });
        if (!existing) start(key, line);
      });
    },
  };
};
