import type { Context, MiddlewareHandler } from "hono";
import type { Database } from "../db/openDatabase";
import type { ProjectRole } from "../db/Schema";
import type { AuthState } from "./createAuthState";
import type { AuthEnv, Principal } from "./Principal";

const unauthenticated = { error: "unauthenticated", message: "sign in or send a bearer token" };
const forbidden = (what: string) => ({ error: "forbidden", message: `your role may not ${what}` });
const notFound = (what: string) => ({ error: "not-found", message: `${what} does not exist` });

/** A user's role in a project: admins are admin everywhere, others by membership; null when none. */
export async function roleInProject(
  store: Database,
  principal: Principal,
  projectId: string,
): Promise<ProjectRole | null> {
  if (principal.isAdmin) return "admin";
  const row = await store.db
    .selectFrom("project_members")
    .select("role")
    .where("project_id", "=", projectId)
    .where("user_id", "=", principal.userId)
    .executeTakeFirst();
  return row?.role ?? null;
}

/** Where a guard finds the id: a path param name, or a function of the request. */
export type IdOf = (c: Context<AuthEnv>) => string;

export interface Guards {
  /** 401 unless signed in (session or token). */
  requireUser: MiddlewareHandler<AuthEnv>;
  /** 401 / 403 unless a global admin. */
  requireAdmin: MiddlewareHandler<AuthEnv>;
  /** 401 / 404 / 403 unless the caller has one of `roles` in the project named by path param `param`; sets `role`, `projectId`. */
  requireProjectRole(roles: readonly ProjectRole[], param?: string | IdOf): MiddlewareHandler<AuthEnv>;
  /** The same for the project of the sequence named by path param `param`. */
  requireSequenceRole(roles: readonly ProjectRole[], param?: string): MiddlewareHandler<AuthEnv>;
  /** The same for the project of the task named by path param `param`. */
  requireTaskRole(roles: readonly ProjectRole[], param?: string): MiddlewareHandler<AuthEnv>;
}

/**
 * Route guards, one line each: `.get("/x/:id", guards.requireSequenceRole(WRITER_ROLES), handler)`.
 * Authorization is decided here, on the server, from the credential `authenticate` read. Lookups
 * are memoised for a few seconds (auth.lookup); every change of roles or projects drops them.
 */
export function createGuards(store: Database, auth: Pick<AuthState, "lookup">): Guards {
  const requireUser: MiddlewareHandler<AuthEnv> = async (c, next) => {
    if (!c.get("principal")) return c.json(unauthenticated, 401);
    await next();
  };
  const requireAdmin: MiddlewareHandler<AuthEnv> = async (c, next) => {
    const p = c.get("principal");
    if (!p) return c.json(unauthenticated, 401);
    if (!p.isAdmin) return c.json(forbidden("administer users and the audit log"), 403);
    await next();
  };
  const byProject =
    (
      roles: readonly ProjectRole[],
      param: string | IdOf,
      projectOf: (id: string) => Promise<string | null>,
      what: string,
    ): MiddlewareHandler<AuthEnv> =>
    async (c, next) => {
      const p = c.get("principal");
      if (!p) return c.json(unauthenticated, 401);
      const id = (typeof param === "string" ? c.req.param(param) : param(c)) ?? "";
      const projectId = await auth.lookup(`${what}:${id}`, () => projectOf(id));
      if (projectId === null) return c.json(notFound(`${what} ${id}`), 404);
      const role = await auth.lookup(`role:${p.userId}:${projectId}`, () =>
        roleInProject(store, p, projectId),
      );
      if (!role || !roles.includes(role))
        return c.json(
          forbidden(`${c.req.method} ${c.req.routePath.replace(/^\/api/, "")} in this project`),
          403,
        );
      c.set("role", role);
      c.set("projectId", projectId);
      await next();
    };
  return {
    requireUser,
    requireAdmin,
    requireProjectRole: (roles, param = "id") =>
      byProject(
        roles,
        param,
        async (id) =>
          (await store.db.selectFrom("projects").select("id").where("id", "=", id).executeTakeFirst())?.id ??
          null,
        "project",
      ),
    requireSequenceRole: (roles, param = "id") =>
      byProject(
        roles,
        param,
        async (id) =>
          (
            await store.db
              .selectFrom("sequences")
              .select("project_id")
              .where("id", "=", id)
              .executeTakeFirst()
          )?.project_id ?? null,
        "sequence",
      ),
    requireTaskRole: (roles, param = "taskId") =>
      byProject(
        roles,
        param,
        async (id) =>
          (await store.db.selectFrom("tasks").select("project_id").where("id", "=", id).executeTakeFirst())
            ?.project_id ?? null,
        "task",
      ),
  };
}
