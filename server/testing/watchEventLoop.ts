/**
 * Watches this thread's event loop: a timer ticking every few milliseconds, and stop() gives the
 * longest time between two ticks (or between the last tick and stop()), milliseconds: how long a
 * request arriving meanwhile could have waited. Unlike perf_hooks' delay histogram it also sees a
 * stall that lasts until stop() (work that never lets the timer fire records no sample there).
 */
export function watchEventLoop(everyMs = 5): { stop(): number } {
  let last = performance.now();
  let longest = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
  }, everyMs);
  return {
    stop() {
      clearInterval(timer);
      return Math.max(longest, performance.now() - last);
    },
  };
}
