import { createRoute } from "@hono/zod-openapi";
import { errorReply, jsonBody, jsonContent, openApiRoutes } from "../http/openApiRoutes";
import { memberSchema, projectSchema } from "../../core/api/projects";
import { taskJsonSchema } from "../../core/api/review";
import type { ClassDefinition } from "../../core/model/ClassDefinition";
import { z } from "zod";
import { classDefinitionSchema } from "../../core/model/ClassDefinition";
import { DEFAULT_CLASSES } from "../../core/model/defaultClasses";
import { audit } from "../audit/writeAudit";
import type { AppDeps } from "../auth/AppDeps";
import type { Guards } from "../auth/createGuards";
import { MANAGER_ROLES, ROLES, type AuthEnv } from "../auth/Principal";
import { nameSchema, notFound } from "../http/validate";
import { createTask, taskInputSchema, type TaskRow, taskJson } from "./tasks";
import { signedIn } from "../auth/signedIn";

/** A class catalogue: up to 200 classes with distinct names. */
export const classCatalogueSchema = z
  .array(classDefinitionSchema.extend({ name: nameSchema }))
  .max(200)
  .refine((cs) => new Set(cs.map((c) => c.name)).size === cs.length, "class names must be distinct");

const projectInput = z.object({ name: nameSchema, classes: classCatalogueSchema.optional() });
const projectPatch = z.object({ name: nameSchema.optional(), classes: classCatalogueSchema.optional() });
const memberInput = z.object({ role: z.enum(ROLES as [string, ...string[]]) });

const projectJson = (p: { id: string; name: string; classes: ClassDefinition[]; created_at: Date }) => ({
  id: p.id,
  name: p.name,
  classes: p.classes,
  createdAt: p.created_at.toISOString(),
});

/** /api/projects: projects, their class catalogue, members and tasks. */
export function createProjectRoutes(deps: AppDeps, guards: Guards) {
  const { db } = deps.store;
  const everyRole = ROLES;
  return openApiRoutes<AuthEnv>()
    .openapi(
      createRoute({
        method: "get",
        path: "/",
        middleware: [guards.requireUser] as const,
        responses: {
          200: jsonContent(z.array(projectSchema), "The caller's projects (every one for an admin)"),
        },
      }),
      async (c) => {
        const p = signedIn(c);
        let q = db.selectFrom("projects").selectAll().orderBy("name");
        if (!p.isAdmin)
          q = q.where(
            "id",
            "in",
            db.selectFrom("project_members").select("project_id").where("user_id", "=", p.userId),
          );
        return c.json((await q.execute()).map(projectJson), 200);
      },
    )
    .openapi(
      createRoute({
        method: "post",
        path: "/",
        middleware: [guards.requireAdmin] as const,
        request: { ...jsonBody(projectInput) },
        responses: {
          201: jsonContent(projectSchema, "The new project"),
          409: errorReply("Conflicts with the current state"),
        },
      }),
      async (c) => {
        const body = c.req.valid("json");
        if (await db.selectFrom("projects").select("id").where("name", "=", body.name).executeTakeFirst())
          return c.json({ error: "conflict", message: `project ${body.name} already exists` }, 409);
        const row = await db
          .insertInto("projects")
          .values({
            id: crypto.randomUUID(),
            name: body.name,
            classes: JSON.stringify(body.classes ?? DEFAULT_CLASSES),
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        await audit(deps.store, c, "project.created", `project:${row.id}`, { name: row.name });
        return c.json(projectJson(row), 201);
      },
    )
    .openapi(
      createRoute({
        method: "get",
        path: "/{id}",
        middleware: [guards.requireProjectRole(everyRole)] as const,
        request: { params: z.object({ id: z.string() }) },
        responses: { 200: jsonContent(projectSchema, "The project") },
      }),
      async (c) =>
        c.json(
          projectJson(
            await db
              .selectFrom("projects")
              .selectAll()
              .where("id", "=", c.get("projectId"))
              .executeTakeFirstOrThrow(),
          ),
          200,
        ),
    )
    .openapi(
      createRoute({
        method: "patch",
        path: "/{id}",
        middleware: [guards.requireProjectRole(MANAGER_ROLES)] as const,
        request: { params: z.object({ id: z.string() }), ...jsonBody(projectPatch) },
        responses: { 200: jsonContent(projectSchema, "The project as changed") },
      }),
      async (c) => {
        const body = c.req.valid("json");
        const row = await db
          .updateTable("projects")
          .set({
            ...(body.name !== undefined ? { name: body.name } : {}),
            ...(body.classes !== undefined ? { classes: JSON.stringify(body.classes) } : {}),
          })
          .where("id", "=", c.get("projectId"))
          .returningAll()
          .executeTakeFirstOrThrow();
        await audit(deps.store, c, "project.updated", `project:${row.id}`, {
          name: body.name,
          classes: body.classes?.map((k) => k.name),
        });
        return c.json(projectJson(row), 200);
      },
    )
    .openapi(
      createRoute({
        method: "get",
        path: "/{id}/members",
        middleware: [guards.requireProjectRole(MANAGER_ROLES)] as const,
        request: { params: z.object({ id: z.string() }) },
        responses: { 200: jsonContent(z.array(memberSchema), "Members by username, with their role") },
      }),
      async (c) => {
        const rows = await db
          .selectFrom("project_members as m")
          .innerJoin("users as u", "u.id", "m.user_id")
          .select(["u.id as userId", "u.username", "u.display_name as displayName", "m.role"])
          .where("m.project_id", "=", c.get("projectId"))
          .orderBy("u.username")
          .execute();
        return c.json(rows, 200);
      },
    )
    .openapi(
      createRoute({
        method: "put",
        path: "/{id}/members/{userId}",
        middleware: [guards.requireProjectRole(MANAGER_ROLES)] as const,
        request: { params: z.object({ id: z.string(), userId: z.string() }), ...jsonBody(memberInput) },
        responses: {
          200: { description: "OK" },
          403: errorReply("The caller may not do this"),
          404: errorReply("No such object"),
        },
      }),
      async (c) => {
        const role = c.req.valid("json").role as (typeof ROLES)[number];
        const userId = c.req.param("userId");
        if (role === "admin" && c.get("role") !== "admin")
          return c.json({ error: "forbidden", message: "only an admin may grant the admin role" }, 403);
        const user = await db
          .selectFrom("users")
          .select("username")
          .where("id", "=", userId)
          .executeTakeFirst();
        if (!user) return c.json(notFound(`user ${userId}`), 404);
        await db
          .insertInto("project_members")
          .values({ project_id: c.get("projectId"), user_id: userId, role })
          .onConflict((oc) => oc.columns(["project_id", "user_id"]).doUpdateSet({ role }))
          .execute();
        // A new or changed role (a lead made viewer) counts from the next request, on every server.
        deps.auth.forgetLookups();
        await audit(deps.store, c, "member.set", `project:${c.get("projectId")}`, {
          user: user.username,
          role,
        });
        return c.json({ userId, role }, 200);
      },
    )
    .openapi(
      createRoute({
        method: "delete",
        path: "/{id}/members/{userId}",
        middleware: [guards.requireProjectRole(MANAGER_ROLES)] as const,
        request: { params: z.object({ id: z.string(), userId: z.string() }) },
        responses: { 204: { description: "Done" }, 404: errorReply("No such object") },
      }),
      async (c) => {
        const userId = c.req.param("userId");
        const gone = await db
          .deleteFrom("project_members")
          .where("project_id", "=", c.get("projectId"))
          .where("user_id", "=", userId)
          .returning("user_id")
          .executeTakeFirst();
        if (!gone) return c.json(notFound(`member ${userId}`), 404);
        deps.auth.forgetLookups();
        await audit(deps.store, c, "member.removed", `project:${c.get("projectId")}`, { userId });
        return c.body(null, 204);
      },
    )
    .openapi(
      createRoute({
        method: "get",
        path: "/{id}/tasks",
        middleware: [guards.requireProjectRole(MANAGER_ROLES)] as const,
        request: { params: z.object({ id: z.string() }) },
        responses: { 200: jsonContent(z.array(taskJsonSchema), "The project's tasks, oldest first") },
      }),
      async (c) => {
        const rows: TaskRow[] = await db
          .selectFrom("tasks")
          .selectAll()
          .where("project_id", "=", c.get("projectId"))
          .orderBy("created_at")
          .execute();
        return c.json(rows.map(taskJson), 200);
      },
    )
    .openapi(
      createRoute({
        method: "post",
        path: "/{id}/tasks",
        middleware: [guards.requireProjectRole(MANAGER_ROLES)] as const,
        request: { params: z.object({ id: z.string() }), ...jsonBody(taskInputSchema) },
        responses: {
          201: jsonContent(taskJsonSchema, "The new task"),
          400: errorReply("Malformed request: the message names the field and the reason"),
        },
      }),
      async (c) => {
        const result = await createTask(deps.store, c.get("projectId"), c.req.valid("json"));
        if ("error" in result) return c.json(result, 400);
        await audit(deps.store, c, "task.created", `task:${result.id}`, {
          sequenceId: result.sequenceId,
          labelerId: result.labelerId,
          reviewerId: result.reviewerId,
          frameStart: result.frameStart,
          frameEnd: result.frameEnd,
        });
        return c.json(result, 201);
      },
    );
}
