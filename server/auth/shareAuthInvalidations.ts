import type { LiveHub } from "../live/LiveHub";
import type { AuthState } from "./createAuthState";

/**
 * The auth state of one server, with its invalidations shared with every server on the store: a
 * sign-out, revoke, disable, password or membership change on one drops the cached credential or
 * lookups on all of them through the live hub (PostgreSQL NOTIFY; in process on PGlite), not only
 * on the server that made it, where the others kept them for the cache's whole lifetime. A `resync`
 * (the hub's listening connection came back, so notices may have been missed) drops everything.
 */
export function shareAuthInvalidations(
  auth: AuthState,
  hub: LiveHub,
  log: (line: string) => void = (l) => console.error(l),
): AuthState {
  hub.subscribe((e) => {
    if (e.kind === "resync") {
      auth.forget({ all: true });
      auth.forgetLookups();
    } else if (e.kind === "auth") {
      if (e.lookups) auth.forgetLookups();
      else auth.forget({ ...(e.key ? { key: e.key } : {}), ...(e.userId ? { userId: e.userId } : {}) });
    }
  });
  const share = (event: { key?: string; userId?: string; lookups?: true }) =>
    hub
      .publish({ kind: "auth", ...event })
      .catch((e: Error) => log(`auth: an invalidation was not shared with other servers (${e.message})`));
  return {
    ...auth,
    forget(match) {
      auth.forget(match);
      if (match.key || match.userId)
        void share({
          ...(match.key ? { key: match.key } : {}),
          ...(match.userId ? { userId: match.userId } : {}),
        });
    },
    forgetLookups() {
      auth.forgetLookups();
      void share({ lookups: true });
    },
  };
}
