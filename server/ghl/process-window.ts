import type { TakeAnswer } from "./grant-line";
import type { WindowOptions, WindowStore } from "./window-store";

type Window = { hits: number[]; pausedUntil: number };

/**
 * The window in this process's memory, for the embedded database: it admits a single process, so
 * a window in memory is the whole truth, and every grant costs no database round trip (on PGlite
 * each query runs on the app's own thread, where a grant waiting behind a batch of mirror writes
 * cost the import a tenth of its ceiling). Same rules as the shared window: hits are held
 * `windowMs + guardMs`, restamped when the answer comes back, and a grant's stamp is unique.
 */
export const createProcessWindow = ({
  burst,
  windowMs,
  guardMs,
  now,
}: WindowOptions): WindowStore => {
  const held = windowMs + guardMs;
  const windows = new Map<string, Window>();
  let last = 0;
  /** Unique, increasing stamps (fractions of a millisecond apart when the clock has not moved). */
  const stamp = () => (last = Math.max(now(), last + 0.001));

  const live = (resourceKey: string) => {
    let window = windows.get(resourceKey);
    if (!window) windows.set(resourceKey, (window = { hits: [], pausedUntil: 0 }));
    const from = now() - held;
    window.hits = window.hits.filter((h) => h > from);
    return window;
  };
  const without = (window: Window, grants: string[]) => {
    const gone = new Set(grants.map(Number));
    window.hits = window.hits.filter((h) => !gone.has(h));
  };

  return {
    take(resourceKey, count) {
      const window = live(resourceKey);
      const at = now();
      // Oldest first by construction: every stamp is later than all before it.
      const hits = window.hits;
      const room = at < window.pausedUntil ? 0 : Math.max(0, burst - hits.length);
      const grants = Array.from({ length: Math.min(room, count) }, stamp);
      window.hits.push(...grants);
      // The next slot frees when enough of the oldest hits (these grants included) have left.
      const oldest = hits[hits.length - burst];
      const freesIn = oldest === undefined ? 0 : oldest + held - at;
      const waitMs = Math.max(window.pausedUntil - at, freesIn, 0);
      const answer: TakeAnswer =
        grants.length > 0
          ? {
              kind: "granted",
              grants: grants.map(String),
              inWindow: hits.length,
              waitMs: grants.length < count ? waitMs : 0,
            }
          : { kind: "wait", waitMs };
      return Promise.resolve(answer);
    },
    drop(resourceKey, grants) {
      without(live(resourceKey), grants);
      return Promise.resolve();
    },
    restamp(resourceKey, grantedAt) {
      // A grant that already left the window comes back in: its request may have arrived only now.
      const window = live(resourceKey);
      without(window, [grantedAt]);
      window.hits.push(stamp());
      return Promise.resolve();
    },
    takeUp(resourceKey, need) {
      const window = live(resourceKey);
      while (window.hits.length < need) window.hits.push(stamp());
      return Promise.resolve();
    },
    pause(resourceKey, pauseMs) {
      const window = live(resourceKey);
      window.pausedUntil = Math.max(window.pausedUntil, now() + pauseMs);
      return Promise.resolve();
    },
    window(resourceKey) {
      const window = live(resourceKey);
      const paused = window.pausedUntil > now();
      return Promise.resolve({
        inWindow: window.hits.length,
        pausedUntil: paused ? new Date(window.pausedUntil) : null,
      });
    },
  };
};
