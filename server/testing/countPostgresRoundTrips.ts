import pg from "pg";

/**
 * Counts round trips to PostgreSQL made through node-postgres clients of this process while it runs:
 * a statement sent while its client waits for no answer starts one; statements sent behind it before
 * its answer (a pipeline) share it. `stop()` restores the client and returns the count.
 */
export function countPostgresRoundTrips(): { count(): number; stop(): number } {
  const original = pg.Client.prototype.query;
  const waiting = new WeakMap<object, number>();
  let trips = 0;
  // biome-ignore lint/suspicious/noExplicitAny: wraps every overload of Client.query alike.
  pg.Client.prototype.query = function (this: pg.Client, ...args: any[]) {
    const inFlight = waiting.get(this) ?? 0;
    if (inFlight === 0) trips++;
    waiting.set(this, inFlight + 1);
    // biome-ignore lint/suspicious/noExplicitAny: forwards the caller's arguments unchanged.
    const answer = (original as any).apply(this, args);
    const done = () => waiting.set(this, (waiting.get(this) ?? 1) - 1);
    if (answer && typeof answer.then === "function") answer.then(done, done);
    else done();
    return answer;
  } as typeof original;
  return {
    count: () => trips,
    stop() {
      pg.Client.prototype.query = original;
      return trips;
    },
  };
}
