import type { TakeAnswer } from "./grant-line";

export type WindowOptions = {
  burst: number;
  windowMs: number;
  guardMs: number;
  now: () => number;
};

/**
 * Where a resource's window of recent requests lives: in PostgreSQL, shared by every process, or
 * in this process's memory when it is the only one (the embedded database admits one process).
 */
export type WindowStore = {
  /** Takes up to `count` slots unless the window is full or paused; says when the next frees. */
  take: (resourceKey: string, count: number) => Promise<TakeAnswer>;
  /** Gives back grants never sent. */
  drop: (resourceKey: string, grants: string[]) => Promise<void>;
  /** Moves a grant's stamp to now (its answer came back). */
  restamp: (resourceKey: string, grantedAt: string) => Promise<void>;
  /** Adds phantom hits, stamped now, until the window holds `need`. */
  takeUp: (resourceKey: string, need: number) => Promise<void>;
  /** No grants until `pauseMs` from now (a longer pause already set stays). */
  pause: (resourceKey: string, pauseMs: number) => Promise<void>;
  window: (resourceKey: string) => Promise<{ inWindow: number; pausedUntil: Date | null }>;
};
