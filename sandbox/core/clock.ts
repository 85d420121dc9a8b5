/** Wall clock plus an offset that tests move forward (token expiry, rate windows, retries). */
export type Clock = { now: () => number; advance: (ms: number) => void; offset: () => number };

export const createClock = (): Clock => {
  let offset = 0;
  return {
    now: () => Date.now() + offset,
    advance: (ms) => {
      offset += ms;
    },
    offset: () => offset,
  };
};
