import type { Principal } from "./Principal";
import { createSignInThrottle, type SignInThrottle } from "./signInThrottle";

/**
 * Per-process authentication state: a short cache of credential lookups (a batch then costs no
 * session query; sign-out, revoke, disable and password changes drop entries at once, on every
 * server: see shareAuthInvalidations), the
 * sign-in throttle, and when each token was last recorded as used.
 */
export interface AuthState {
  cached(key: string): Principal | null | undefined;
  /**
   * Caches a loaded credential, unless a credential was forgotten since `generation` (read before
   * the load began): a load that raced a revoke must not put the revoked credential back.
   */
  remember(key: string, principal: Principal | null, generation?: number): void;
  /** Counts forget() calls: see remember. */
  generation(): number;
  /** Drops one credential, every credential of a user, or all of them. */
  forget(match: { key?: string; userId?: string; all?: boolean }): void;
  /**
   * Memoises an authorization lookup (a role, a sequence's project, a blob's readability) for
   * CREDENTIAL_CACHE_MS; `forgetLookups()` drops them all when memberships or projects change.
   */
  lookup<T>(key: string, load: () => Promise<T>): Promise<T>;
  forgetLookups(): void;
  throttle: SignInThrottle;
  /** Token id → ms of the last audit entry / last_used_at write. */
  tokenAuditedAtMs: Map<string, number>;
  tokenTouchedAtMs: Map<string, number>;
}

/**
 * Lookups are trusted for this long. A sign-out, revoke, disable or membership change made through
 * the API drops them at once on every server (shareAuthInvalidations); this bounds what is changed
 * behind the API's back (SQL by hand). At 5 s, each of bench:server's 200 annotators cost each server
 * a credential query every 5 s, about one per save.
 */
export const CREDENTIAL_CACHE_MS = 30_000;
const MAX_ENTRIES = 10_000;

export function createAuthState(nowMs: () => number = Date.now): AuthState {
  const entries = new Map<string, { principal: Principal | null; untilMs: number }>();
  let forgets = 0;
  const lookups = new Map<string, { value: Promise<unknown>; untilMs: number }>();
  return {
    lookup<T>(key: string, load: () => Promise<T>): Promise<T> {
      const hit = lookups.get(key);
      if (hit && hit.untilMs >= nowMs()) return hit.value as Promise<T>;
      if (lookups.size >= MAX_ENTRIES) lookups.clear();
      const value = load();
      lookups.set(key, { value, untilMs: nowMs() + CREDENTIAL_CACHE_MS });
      value.catch(() => lookups.delete(key));
      return value;
    },
    forgetLookups() {
      lookups.clear();
    },
    cached(key) {
      const e = entries.get(key);
      if (!e) return undefined;
      if (e.untilMs < nowMs()) {
        entries.delete(key);
        return undefined;
      }
      return e.principal;
    },
    remember(key, principal, generation) {
      if (generation !== undefined && generation !== forgets) return;
      if (entries.size >= MAX_ENTRIES) entries.clear();
      entries.set(key, { principal, untilMs: nowMs() + CREDENTIAL_CACHE_MS });
    },
    generation: () => forgets,
    forget({ key, userId, all }) {
      forgets++;
      if (all) entries.clear();
      if (key) entries.delete(key);
      if (userId) for (const [k, e] of entries) if (e.principal?.userId === userId) entries.delete(k);
    },
    throttle: createSignInThrottle(nowMs),
    tokenAuditedAtMs: new Map(),
    tokenTouchedAtMs: new Map(),
  };
}
