import type { Context, MiddlewareHandler } from "hono";
import { getCookie } from "hono/cookie";
import { writeAudit } from "../audit/writeAudit";
import { clientIp } from "../http/clientIp";
import type { AppDeps } from "./AppDeps";
import { principalFromSession, principalFromToken, SESSION_COOKIE } from "./credentials";
import type { AuthEnv, Principal } from "./Principal";
import { hashSecret } from "./secrets";

/** The header the browser client sends on every request; a cross-site form or image cannot set it. */
export const CLIENT_HEADER = "X-Cuboidal-Client";
const SAFE = new Set(["GET", "HEAD", "OPTIONS"]);
const HOUR_MS = 3_600_000;
const TOUCH_MS = 60_000;

/**
 * Reads the credential of every /api request into `principal` (null when none or invalid) and
 * refuses cross-site writes. A write carrying the session cookie, and every sign-in, must send
 * CLIENT_HEADER and, when the browser names an Origin, come from this host. Bearer requests carry
 * no ambient credential a third-party page could borrow, and a request with no credential at all
 * is refused by the route (401), so both skip the check.
 */
export function authenticate(deps: AppDeps): MiddlewareHandler<AuthEnv> {
  return async (c, next) => {
    const bearer = /^Bearer\s+(\S+)$/i.exec(c.req.header("Authorization") ?? "")?.[1];
    const cookie = bearer ? undefined : getCookie(c, SESSION_COOKIE);
    // Sign-in too: a third-party page must not sign the victim in as the attacker.
    if ((cookie || c.req.path.endsWith("/auth/sign-in")) && !SAFE.has(c.req.method)) {
      const refused = csrfRefusal(c);
      if (refused) return c.json({ error: "csrf", message: refused }, 403);
    }
    let principal: Principal | null = null;
    if (bearer) principal = await lookup(deps, `t:${bearer}`, () => principalFromToken(deps.store, bearer));
    else if (cookie)
      principal = await lookup(deps, `s:${cookie}`, () => principalFromSession(deps.store, cookie));
    c.set("principal", principal);
    if (principal?.via === "token") await recordTokenUse(deps, c, principal);
    await next();
  };
}

async function lookup(
  deps: AppDeps,
  key: string,
  load: () => Promise<Principal | null>,
): Promise<Principal | null> {
  const cacheKey = hashSecret(key);
  const hit = deps.auth.cached(cacheKey);
  if (hit !== undefined) return hit;
  const generation = deps.auth.generation();
  const principal = await load();
  deps.auth.remember(cacheKey, principal, generation);
  return principal;
}

/**
 * last_used_at is written at most once a minute per token, and the audit log records a token's
 * first use in each hour per process (not every request: a script making 10k calls would bury
 * everything else).
 */
async function recordTokenUse(deps: AppDeps, c: Context<AuthEnv>, p: Principal): Promise<void> {
  const now = Date.now();
  if (now - (deps.auth.tokenTouchedAtMs.get(p.credential) ?? 0) > TOUCH_MS) {
    deps.auth.tokenTouchedAtMs.set(p.credential, now);
    await deps.store.db
      .updateTable("api_tokens")
      .set({ last_used_at: new Date(now).toISOString() })
      .where("id", "=", p.credential)
      .execute();
  }
  if (now - (deps.auth.tokenAuditedAtMs.get(p.credential) ?? 0) > HOUR_MS) {
    deps.auth.tokenAuditedAtMs.set(p.credential, now);
    await writeAudit(deps.store, {
      action: "token.used",
      target: `token:${p.credential}`,
      detail: { method: c.req.method, path: c.req.path },
      actor: { id: p.userId, name: p.username },
      ip: clientIp(c),
    });
  }
}

function csrfRefusal(c: Context): string | null {
  if (!c.req.header(CLIENT_HEADER))
    return `a state-changing request needs the ${CLIENT_HEADER} header (or a bearer token)`;
  const origin = c.req.header("Origin");
  if (origin && origin !== "null") {
    let originHost: string;
    try {
      originHost = new URL(origin).host;
    } catch {
      return `Origin ${origin.slice(0, 100)} is not a URL`;
    }
    const host = c.req.header("Host") ?? new URL(c.req.url).host;
    if (originHost !== host) return `Origin ${origin.slice(0, 100)} is not this server (${host})`;
  } else if (origin === "null") return "Origin null is refused";
  return null;
}

/** Whether the request reached us over https (directly or through a proxy that says so). */
export function isHttps(c: Context): boolean {
  return (
    new URL(c.req.url).protocol === "https:" ||
    c.req.header("X-Forwarded-Proto")?.split(",")[0]?.trim() === "https"
  );
}
