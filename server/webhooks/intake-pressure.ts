import { performance } from "node:perf_hooks";

/**
 * Whether deliveries are arriving while this process's event loop is saturated: then background
 * work (the local worker) should give way, since GHL waits on intake and processing can catch up.
 * Judged over short windows, so it lets go as soon as the loop has room again.
 */
export const createIntakePressure = ({
  windowMs = 100,
  busyShare = 0.9,
  minDeliveries = 10,
} = {}) => {
  let received = 0;
  let pressed = false;
  let last = performance.eventLoopUtilization();
  const timer = setInterval(() => {
    const now = performance.eventLoopUtilization();
    pressed =
      received >= minDeliveries &&
      performance.eventLoopUtilization(now, last).utilization > busyShare;
    last = now;
    received = 0;
  }, windowMs);
  timer.unref();
  return {
    received() {
      received++;
    },
    pressed: () => pressed,
    stop: () => clearInterval(timer),
  };
};
