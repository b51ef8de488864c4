/** SQLSTATE classes and socket errors that mean "the database is not there right now", not a bug. */
const UNAVAILABLE_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "EPIPE",
  "ETIMEDOUT",
  "57P01", // admin_shutdown
  "57P02", // crash_shutdown
  "57P03", // cannot_connect_now (starting up, in recovery)
  "08000",
  "08001",
  "08003",
  "08006",
]);
const UNAVAILABLE_MESSAGES =
  /Connection terminated|connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error/i;

/**
 * The reply to a request that failed because the database went away (restart, failover, network):
 * 503 with Retry-After, saying the change was not saved. Null for any other error. Unacknowledged
 * batches are safe to resend: the same batchId is applied once.
 */
export function databaseFault(e: unknown): { status: 503; body: { error: string; message: string } } | null {
  const err = e as { code?: string; message?: string };
  if (!(err?.code && UNAVAILABLE_CODES.has(err.code)) && !UNAVAILABLE_MESSAGES.test(err?.message ?? ""))
    return null;
  return {
    status: 503,
    body: {
      error: "database-unavailable",
      message: `the database is unreachable or overloaded (${err.code ?? (err.message ?? "").split("\n")[0]}); nothing was saved by this request: retry in a moment`,
    },
  };
}
