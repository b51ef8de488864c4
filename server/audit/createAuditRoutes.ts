import { createRoute } from "@hono/zod-openapi";
import { jsonContent, openApiRoutes } from "../http/openApiRoutes";
import { auditPageSchema } from "../../core/api/accounts";
import { z } from "zod";
import type { AppDeps } from "../auth/AppDeps";
import type { Guards } from "../auth/createGuards";
import type { AuthEnv } from "../auth/Principal";
import { idSchema, intQuery } from "../http/validate";
import { audit } from "./writeAudit";
import { must } from "../../core/model/must";

const filterSchema = z.object({
  /** An action, or a prefix ending in "." ("auth.") */
  action: idSchema.optional(),
  actor: idSchema.optional(),
  /** Substring of the target ("sequence:<id>", "blob:<hash>"). */
  target: idSchema.optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  /** Entries with an id below this (the `nextBefore` of the previous page). */
  before: intQuery(Number.MAX_SAFE_INTEGER).optional(),
  limit: intQuery(1000).min(1).optional(),
});
type Filter = z.infer<typeof filterSchema>;

const csvCell = (v: string) => {
  // A leading = + - @ would run as a formula in a spreadsheet: quote it away.
  const safe = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

/** /api/audit: the admin's view of the append-only log, filtered and paged, and as CSV. */
export function createAuditRoutes(deps: AppDeps, guards: Guards) {
  const { db } = deps.store;
  const query = (f: Filter, limit: number) => {
    let q = db.selectFrom("audit_log").selectAll().orderBy("id", "desc").limit(limit);
    if (f.action)
      q = f.action.endsWith(".")
        ? q.where("action", "like", `${f.action.replace(/[%_\\]/g, "\\$&")}%`)
        : q.where("action", "=", f.action);
    if (f.actor) q = q.where("actor_name", "=", f.actor);
    if (f.target) q = q.where("target", "like", `%${f.target.replace(/[%_\\]/g, "\\$&")}%`);
    if (f.from) q = q.where("at", ">=", f.from as never);
    if (f.to) q = q.where("at", "<", f.to as never);
    if (f.before !== undefined) q = q.where("id", "<", String(f.before));
    return q.execute();
  };
  const entryJson = (r: Awaited<ReturnType<typeof query>>[number]) => ({
    id: Number(r.id),
    at: r.at.toISOString(),
    actorId: r.actor_id,
    actor: r.actor_name,
    action: r.action,
    target: r.target,
    detail: r.detail,
    ip: r.ip,
  });
  return openApiRoutes<AuthEnv>()
    .openapi(
      createRoute({
        method: "get",
        path: "/",
        middleware: [guards.requireAdmin] as const,
        request: { query: filterSchema },
        responses: { 200: jsonContent(auditPageSchema, "A page of entries, newest first") },
      }),
      async (c) => {
        const f = c.req.valid("query");
        const limit = f.limit ?? 100;
        const rows = (await query(f, limit)).map(entryJson);
        return c.json(
          {
            entries: rows,
            nextBefore: rows.length === limit ? must(rows.at(-1), "the page's last entry").id : null,
          },
          200,
        );
      },
    )
    .openapi(
      createRoute({
        method: "get",
        path: "/csv",
        middleware: [guards.requireAdmin] as const,
        request: { query: filterSchema },
        responses: { 200: { description: "OK" } },
      }),
      async (c) => {
        const f = c.req.valid("query");
        const rows = (await query(f, f.limit ?? 100_000)).map(entryJson);
        await audit(deps.store, c, "audit.exported", "audit_log", { rows: rows.length, filter: f });
        const lines = [
          "id,at,actor,action,target,detail,ip",
          ...rows.map((r) =>
            [
              String(r.id),
              r.at,
              r.actor,
              r.action,
              r.target,
              r.detail ? JSON.stringify(r.detail) : "",
              r.ip ?? "",
            ]
              .map(csvCell)
              .join(","),
          ),
        ];
        return c.body(`${lines.join("\r\n")}\r\n`, 200, {
          "Content-Type": "text/csv; charset=utf-8",
          "Content-Disposition": 'attachment; filename="audit-log.csv"',
        });
      },
    );
}
