import { createRoute } from "@hono/zod-openapi";
import { errorReply, jsonBody, jsonContent, openApiRoutes } from "../http/openApiRoutes";
import {
  createdUserSchema,
  directoryEntrySchema,
  passwordResetSchema,
  userRowSchema,
} from "../../core/api/accounts";
import { z } from "zod";
import { audit } from "../audit/writeAudit";
import type { AppDeps } from "../auth/AppDeps";
import type { Guards } from "../auth/createGuards";
import { hashPassword, newPasswordSchema, randomPassword } from "../auth/passwords";
import type { AuthEnv } from "../auth/Principal";
import { nameSchema, notFound } from "../http/validate";
import { signedIn } from "../auth/signedIn";

export const usernameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(
    /^[a-z0-9][a-z0-9._-]{1,49}$/,
    "2–50 letters, digits, '.', '_' or '-', starting with a letter or digit",
  );

const createSchema = z.object({
  username: usernameSchema,
  displayName: nameSchema.optional(),
  /** Omitted: a random one is generated and returned once. */
  password: newPasswordSchema.optional(),
  isAdmin: z.boolean().optional(),
});
const updateSchema = z.object({
  displayName: nameSchema.optional(),
  disabled: z.boolean().optional(),
  isAdmin: z.boolean().optional(),
});

const publicUser = (u: {
  id: string;
  username: string;
  display_name: string;
  is_admin: boolean;
  disabled: boolean;
  locked_until: Date | null;
}) => ({
  id: u.id,
  username: u.username,
  displayName: u.display_name,
  isAdmin: u.is_admin,
  disabled: u.disabled,
  lockedUntil: u.locked_until && u.locked_until.getTime() > Date.now() ? u.locked_until.toISOString() : null,
});

/** /api/users: the admin's user management (create, disable, reset a password). */
export function createUserRoutes(deps: AppDeps, guards: Guards) {
  const { db } = deps.store;
  const columns = ["id", "username", "display_name", "is_admin", "disabled", "locked_until"] as const;
  return (
    openApiRoutes<AuthEnv>()
      // Leads add members too: they may look up who exists (names only), not manage accounts.
      .openapi(
        createRoute({
          method: "get",
          path: "/directory",
          middleware: [guards.requireUser] as const,
          responses: {
            200: jsonContent(z.array(directoryEntrySchema), "Active users, by username"),
            403: errorReply("The caller may not do this"),
          },
        }),
        async (c) => {
          const p = signedIn(c);
          const manages =
            p.isAdmin ||
            (await db
              .selectFrom("project_members")
              .select("role")
              .where("user_id", "=", p.userId)
              .where("role", "in", ["admin", "lead"])
              .executeTakeFirst());
          if (!manages)
            return c.json({ error: "forbidden", message: "only admins and leads may list users" }, 403);
          const rows = await db
            .selectFrom("users")
            .select(["id", "username", "display_name"])
            .where("disabled", "=", false)
            .orderBy("username")
            .execute();
          return c.json(
            rows.map((r) => ({ id: r.id, username: r.username, displayName: r.display_name })),
            200,
          );
        },
      )
      .openapi(
        createRoute({
          method: "get",
          path: "/",
          middleware: [guards.requireAdmin] as const,
          responses: { 200: jsonContent(z.array(userRowSchema), "Every user, by username") },
        }),
        async (c) =>
          c.json(
            (await db.selectFrom("users").select(columns).orderBy("username").execute()).map(publicUser),
            200,
          ),
      )
      .openapi(
        createRoute({
          method: "post",
          path: "/",
          middleware: [guards.requireAdmin] as const,
          request: { ...jsonBody(createSchema) },
          responses: {
            201: jsonContent(createdUserSchema, "The new user (and a generated password, once)"),
            409: errorReply("Conflicts with the current state"),
          },
        }),
        async (c) => {
          const body = c.req.valid("json");
          const exists = await db
            .selectFrom("users")
            .select("id")
            .where("username", "=", body.username)
            .executeTakeFirst();
          if (exists)
            return c.json({ error: "conflict", message: `user ${body.username} already exists` }, 409);
          const password = body.password ?? randomPassword();
          const row = await db
            .insertInto("users")
            .values({
              id: crypto.randomUUID(),
              username: body.username,
              display_name: body.displayName ?? body.username,
              password_hash: await hashPassword(password),
              is_admin: body.isAdmin ?? false,
            })
            .returning(columns)
            .executeTakeFirstOrThrow();
          await audit(deps.store, c, "user.created", `user:${row.username}`, { isAdmin: row.is_admin });
          return c.json({ user: publicUser(row), ...(body.password ? {} : { password }) }, 201);
        },
      )
      .openapi(
        createRoute({
          method: "patch",
          path: "/{userId}",
          middleware: [guards.requireAdmin] as const,
          request: { params: z.object({ userId: z.string() }), ...jsonBody(updateSchema) },
          responses: {
            200: jsonContent(userRowSchema, "The user as changed"),
            400: errorReply("Malformed request: the message names the field and the reason"),
            404: errorReply("No such object"),
          },
        }),
        async (c) => {
          const body = c.req.valid("json");
          const id = c.req.param("userId");
          if (id === signedIn(c).userId && (body.disabled || body.isAdmin === false))
            return c.json(
              {
                error: "invalid-request",
                message: "you cannot disable yourself or drop your own admin right",
              },
              400,
            );
          const row = await db
            .updateTable("users")
            .set({
              ...(body.displayName !== undefined ? { display_name: body.displayName } : {}),
              ...(body.disabled !== undefined ? { disabled: body.disabled } : {}),
              ...(body.isAdmin !== undefined ? { is_admin: body.isAdmin } : {}),
            })
            .where("id", "=", id)
            .returning(columns)
            .executeTakeFirst();
          if (!row) return c.json(notFound(`user ${id}`), 404);
          if (body.disabled) await db.deleteFrom("sessions").where("user_id", "=", id).execute();
          deps.auth.forget({ userId: id });
          await audit(deps.store, c, "user.updated", `user:${row.username}`, body);
          return c.json(publicUser(row), 200);
        },
      )
      .openapi(
        createRoute({
          method: "post",
          path: "/{userId}/password",
          middleware: [guards.requireAdmin] as const,
          request: {
            params: z.object({ userId: z.string() }),
            ...jsonBody(z.object({ password: newPasswordSchema.optional() })),
          },
          responses: {
            200: jsonContent(passwordResetSchema, "The generated password, when none was given"),
            404: errorReply("No such object"),
          },
        }),
        async (c) => {
          const id = c.req.param("userId");
          const given = c.req.valid("json").password;
          const password = given ?? randomPassword();
          const row = await db
            .updateTable("users")
            .set({ password_hash: await hashPassword(password), failed_sign_ins: 0, locked_until: null })
            .where("id", "=", id)
            .returning("username")
            .executeTakeFirst();
          if (!row) return c.json(notFound(`user ${id}`), 404);
          await db.deleteFrom("sessions").where("user_id", "=", id).execute();
          deps.auth.forget({ userId: id });
          await audit(deps.store, c, "user.password-reset", `user:${row.username}`);
          return c.json(given ? {} : { password }, 200);
        },
      )
  );
}
