/**
 * Failed sign-ins per client address: more than MAX_FAILURES_PER_IP in WINDOW_MS and that address
 * is refused until the window passes. Per-account lock-out lives in the users table.
 */
export interface SignInThrottle {
  /** Ms until the address may try again, 0 when it may now. */
  retryAfterMs(ip: string): number;
  failed(ip: string): void;
  succeeded(ip: string): void;
}

export const MAX_FAILURES_PER_IP = 20;
export const WINDOW_MS = 15 * 60_000;

export function createSignInThrottle(nowMs: () => number): SignInThrottle {
  const failures = new Map<string, number[]>();
  const recent = (ip: string) => {
    const since = nowMs() - WINDOW_MS;
    const list = (failures.get(ip) ?? []).filter((t) => t > since);
    if (list.length === 0) failures.delete(ip);
    else failures.set(ip, list);
    return list;
  };
  return {
    retryAfterMs(ip) {
      const list = recent(ip);
      const oldest = list[0];
      return list.length >= MAX_FAILURES_PER_IP && oldest !== undefined ? oldest + WINDOW_MS - nowMs() : 0;
    },
    failed(ip) {
      if (failures.size > 100_000) failures.clear();
      failures.set(ip, [...recent(ip), nowMs()]);
    },
    succeeded(ip) {
      failures.delete(ip);
    },
  };
}
