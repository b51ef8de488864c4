import { $, createRoute } from "@hono/zod-openapi";
import { openApiRoutes } from "../http/openApiRoutes";
import { timingSafeEqual } from "node:crypto";
import { sql } from "kysely";
import type { AppDeps } from "../auth/AppDeps";
import { authenticate } from "../auth/authenticate";
import type { Guards } from "../auth/createGuards";
import type { AuthEnv } from "../auth/Principal";
import { checkRequest } from "../http/checkRequest";
import { metricsRegistry } from "./metrics";

/** A readiness probe that hangs is as bad as one that fails: each check gets this long. */
const CHECK_MS = 3000;

async function probe(what: string, check: () => Promise<unknown>): Promise<string> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      check(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`${what} did not answer within ${CHECK_MS} ms`)), CHECK_MS);
      }),
    ]);
    return "ok";
  } catch (e) {
    return (e instanceof Error ? e.message : String(e)).split("\n")[0] || "error";
  } finally {
    clearTimeout(timer);
  }
}

const sameSecret = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

/**
 * Operations endpoints at the root, for load balancers and Prometheus:
 * - GET /healthz: 200 while the process serves requests (liveness; checks nothing else);
 * - GET /readyz: 200 when the database answers `select 1` and the blob store is reachable, else 503
 *   naming what is down; 503 too once shutdown has begun, so a load balancer drains this server;
 * - GET /metrics: Prometheus text. Protected: `Authorization: Bearer $METRICS_TOKEN` when the server
 *   has METRICS_TOKEN (for a scraper), or an admin's session or personal token; 401/403 otherwise.
 */
export function createOpsRoutes(deps: AppDeps, guards: Guards) {
  const metricsToken = deps.metricsToken;
  const signedIn = authenticate(deps);
  return $(
    openApiRoutes<AuthEnv>()
      .use("/healthz", checkRequest())
      .use("/readyz", checkRequest())
      .use("/metrics", checkRequest()),
  )
    .openapi(
      createRoute({
        method: "get",
        path: "/healthz",
        responses: { 200: { description: "OK" } },
      }),
      (c) => c.json({ ok: true }, 200),
    )
    .openapi(
      createRoute({
        method: "get",
        path: "/readyz",
        responses: {
          200: { description: 'Ready: `{ok, database, blobs}`, each "ok"' },
          503: { description: "Not ready: `{ok: false, …}` naming what is down, or shutting down" },
        },
      }),
      async (c) => {
        if (deps.isDraining?.()) return c.json({ ok: false, shuttingDown: true }, 503);
        const [database, blobs] = await Promise.all([
          probe("the database", () => sql`select 1`.execute(deps.store.db)),
          probe("the blob store", () => deps.blobs.check()),
        ]);
        const ok = database === "ok" && blobs === "ok";
        return c.json({ ok, database, blobs }, ok ? 200 : 503);
      },
    )
    .openapi(
      createRoute({
        method: "get",
        path: "/metrics",
        middleware: [
          async (c, next) => {
            const bearer = /^Bearer\s+(\S+)$/i.exec(c.req.header("Authorization") ?? "")?.[1];
            if (metricsToken && bearer && sameSecret(bearer, metricsToken)) return next();
            let refusal: Response | undefined;
            const early = await signedIn(c, async () => {
              refusal = (await guards.requireAdmin(c, next)) ?? undefined;
            });
            return early ?? refusal;
          },
        ] as const,
        responses: { 200: { description: "OK" } },
      }),
      async (c) =>
        c.body(await metricsRegistry.metrics(), 200, { "Content-Type": metricsRegistry.contentType }),
    );
}
