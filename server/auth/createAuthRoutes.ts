import { createRoute } from "@hono/zod-openapi";
import { errorReply, jsonBody, jsonContent, openApiRoutes } from "../http/openApiRoutes";
import { createdTokenSchema, tokenRowSchema } from "../../core/api/accounts";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { z } from "zod";
import { uiLocaleSchema } from "../../core/model/UiLocale";
import { audit } from "../audit/writeAudit";
import { clientIp } from "../http/clientIp";
import { nameSchema, notFound } from "../http/validate";
import type { AppDeps } from "./AppDeps";
import { isHttps } from "./authenticate";
import type { Guards } from "./createGuards";
import { createApiToken, createSession, SESSION_COOKIE, SESSION_DAYS } from "./credentials";
import { hashPassword, newPasswordSchema, verifyPassword } from "./passwords";
import type { AuthEnv } from "./Principal";
import { hashSecret } from "./secrets";
import { signedIn } from "./signedIn";

/** Consecutive wrong passwords that lock an account, and for how long. */
export const LOCK_AFTER_FAILURES = 5;
export const LOCK_MS = 15 * 60_000;

const signInSchema = z.object({ username: z.string().min(1).max(100), password: z.string().min(1).max(200) });
const passwordChangeSchema = z.object({
  currentPassword: z.string().min(1).max(200),
  newPassword: newPasswordSchema,
});

// Verifying against a real hash when the user does not exist keeps the timing of both answers alike.
let dummyHash: Promise<string> | undefined;

/** /api/auth: sign-in, sign-out, who am I, password change, personal API tokens. */
export function createAuthRoutes(deps: AppDeps, guards: Guards) {
  const { db } = deps.store;
  const wrong = { error: "bad-credentials", message: "wrong user name or password" };
  return openApiRoutes<AuthEnv>()
    .openapi(
      createRoute({
        method: "post",
        path: "/sign-in",
        request: { ...jsonBody(signInSchema) },
        responses: {
          200: { description: "OK" },
          401: errorReply("No valid credential"),
          429: errorReply("Too many attempts"),
        },
      }),
      async (c) => {
        const { username, password } = c.req.valid("json");
        const ip = clientIp(c);
        const name = username.trim().toLowerCase();
        const wait = deps.auth.throttle.retryAfterMs(ip);
        if (wait > 0) {
          c.header("Retry-After", String(Math.ceil(wait / 1000)));
          return c.json(
            { error: "rate-limited", message: "too many failed sign-ins from this address; try later" },
            429,
          );
        }
        const user = await db.selectFrom("users").selectAll().where("username", "=", name).executeTakeFirst();
        const fail = async (reason: string) => {
          deps.auth.throttle.failed(ip);
          await audit(deps.store, c, "auth.sign-in-failed", `user:${name}`, { reason });
        };
        if (!user || user.disabled) {
          await verifyPassword(await (dummyHash ??= hashPassword("not-a-password")), password);
          await fail(user ? "disabled" : "unknown user");
          return c.json(wrong, 401);
        }
        if (user.locked_until && user.locked_until.getTime() > Date.now()) {
          await fail("locked");
          return c.json(
            {
              error: "locked",
              message: `this account is locked until ${user.locked_until.toISOString()} after repeated wrong passwords; an admin can reset it`,
            },
            429,
          );
        }
        if (!(await verifyPassword(user.password_hash, password))) {
          const failures = user.failed_sign_ins + 1;
          const lock = failures >= LOCK_AFTER_FAILURES;
          await db
            .updateTable("users")
            .set({
              failed_sign_ins: lock ? 0 : failures,
              locked_until: lock ? new Date(Date.now() + LOCK_MS).toISOString() : null,
            })
            .where("id", "=", user.id)
            .execute();
          await fail(lock ? "wrong password; account locked" : "wrong password");
          return c.json(wrong, 401);
        }
        await db
          .updateTable("users")
          .set({ failed_sign_ins: 0, locked_until: null })
          .where("id", "=", user.id)
          .execute();
        deps.auth.throttle.succeeded(ip);
        const token = await createSession(deps.store, user.id);
        setCookie(c, SESSION_COOKIE, token, {
          httpOnly: true,
          sameSite: "Lax",
          secure: isHttps(c),
          path: "/",
          maxAge: SESSION_DAYS * 86_400,
        });
        const me = {
          id: user.id,
          username: user.username,
          displayName: user.display_name,
          isAdmin: user.is_admin,
        };
        c.set("principal", {
          userId: user.id,
          username: user.username,
          displayName: user.display_name,
          isAdmin: user.is_admin,
          via: "session",
          credential: hashSecret(token),
        });
        await audit(deps.store, c, "auth.sign-in", `user:${user.username}`);
        return c.json({ user: me }, 200);
      },
    )
    .openapi(
      createRoute({
        method: "post",
        path: "/sign-out",
        middleware: [guards.requireUser] as const,
        responses: { 204: { description: "Done" } },
      }),
      async (c) => {
        const p = signedIn(c);
        const cookie = getCookie(c, SESSION_COOKIE);
        if (p.via === "session" && cookie) {
          await db.deleteFrom("sessions").where("id_hash", "=", p.credential).execute();
          deps.auth.forget({ key: hashSecret(`s:${cookie}`) });
        }
        deleteCookie(c, SESSION_COOKIE, { path: "/" });
        await audit(deps.store, c, "auth.sign-out", `user:${p.username}`);
        return c.body(null, 204);
      },
    )
    .openapi(
      createRoute({
        method: "get",
        path: "/me",
        middleware: [guards.requireUser] as const,
        responses: { 200: { description: "OK" } },
      }),
      async (c) => {
        const p = signedIn(c);
        const { locale } = await db
          .selectFrom("users")
          .select("locale")
          .where("id", "=", p.userId)
          .executeTakeFirstOrThrow();
        const projects = p.isAdmin
          ? (await db.selectFrom("projects").select(["id", "name"]).orderBy("name").execute()).map((r) => ({
              ...r,
              role: "admin" as const,
            }))
          : await db
              .selectFrom("project_members as m")
              .innerJoin("projects as p", "p.id", "m.project_id")
              .select(["p.id", "p.name", "m.role"])
              .where("m.user_id", "=", p.userId)
              .orderBy("p.name")
              .execute();
        return c.json(
          {
            user: {
              id: p.userId,
              username: p.username,
              displayName: p.displayName,
              isAdmin: p.isAdmin,
              locale,
            },
            projects,
          },
          200,
        );
      },
    )
    .openapi(
      createRoute({
        method: "put",
        path: "/locale",
        middleware: [guards.requireUser] as const,
        request: { ...jsonBody(z.object({ locale: uiLocaleSchema })) },
        responses: { 200: { description: "OK" } },
      }),
      async (c) => {
        const { locale } = c.req.valid("json");
        await db.updateTable("users").set({ locale }).where("id", "=", signedIn(c).userId).execute();
        return c.json({ locale }, 200);
      },
    )
    .openapi(
      createRoute({
        method: "post",
        path: "/password",
        middleware: [guards.requireUser] as const,
        request: { ...jsonBody(passwordChangeSchema) },
        responses: {
          204: { description: "Done" },
          400: errorReply("Malformed request: the message names the field and the reason"),
        },
      }),
      async (c) => {
        const p = signedIn(c);
        const { currentPassword, newPassword } = c.req.valid("json");
        const user = await db
          .selectFrom("users")
          .select("password_hash")
          .where("id", "=", p.userId)
          .executeTakeFirstOrThrow();
        if (!(await verifyPassword(user.password_hash, currentPassword)))
          return c.json({ error: "bad-credentials", message: "the current password is wrong" }, 400);
        await db
          .updateTable("users")
          .set({ password_hash: await hashPassword(newPassword) })
          .where("id", "=", p.userId)
          .execute();
        // Every other session ends: a password change is how a user throws out an intruder.
        let q = db.deleteFrom("sessions").where("user_id", "=", p.userId);
        if (p.via === "session") q = q.where("id_hash", "<>", p.credential);
        await q.execute();
        deps.auth.forget({ userId: p.userId });
        await audit(deps.store, c, "auth.password-changed", `user:${p.username}`);
        return c.body(null, 204);
      },
    )
    .openapi(
      createRoute({
        method: "get",
        path: "/tokens",
        middleware: [guards.requireUser] as const,
        responses: { 200: jsonContent(z.array(tokenRowSchema), "The caller's tokens, newest first") },
      }),
      async (c) => {
        const rows = await db
          .selectFrom("api_tokens")
          .select(["id", "name", "created_at", "last_used_at", "revoked_at"])
          .where("user_id", "=", signedIn(c).userId)
          .orderBy("created_at", "desc")
          .execute();
        return c.json(
          rows.map((r) => ({
            id: r.id,
            name: r.name,
            createdAt: r.created_at.toISOString(),
            lastUsedAt: r.last_used_at?.toISOString() ?? null,
            revokedAt: r.revoked_at?.toISOString() ?? null,
          })),
          200,
        );
      },
    )
    .openapi(
      createRoute({
        method: "post",
        path: "/tokens",
        middleware: [guards.requireUser] as const,
        request: { ...jsonBody(z.object({ name: nameSchema })) },
        responses: { 201: jsonContent(createdTokenSchema, "The new token, its secret shown once") },
      }),
      async (c) => {
        const p = signedIn(c);
        const created = await createApiToken(deps.store, p.userId, c.req.valid("json").name);
        await audit(deps.store, c, "token.created", `token:${created.id}`, { name: created.name });
        return c.json(created, 201);
      },
    )
    .openapi(
      createRoute({
        method: "delete",
        path: "/tokens/{tokenId}",
        middleware: [guards.requireUser] as const,
        request: { params: z.object({ tokenId: z.string() }) },
        responses: { 204: { description: "Done" }, 404: errorReply("No such object") },
      }),
      async (c) => {
        const p = signedIn(c);
        const id = c.req.param("tokenId");
        const revoked = await db
          .updateTable("api_tokens")
          .set({ revoked_at: new Date().toISOString() })
          .where("id", "=", id)
          .where("user_id", "=", p.userId)
          .where("revoked_at", "is", null)
          .returning("id")
          .executeTakeFirst();
        if (!revoked) return c.json(notFound(`token ${id}`), 404);
        deps.auth.forget({ userId: p.userId });
        await audit(deps.store, c, "token.revoked", `token:${id}`);
        return c.body(null, 204);
      },
    );
}
