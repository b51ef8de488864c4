import pino from "pino";
import { sql } from "kysely";
import { beforeEach, describe, expect, it } from "vitest";
import { createApp } from "../app";
import { addTestUser, type TestUser } from "../testing/testAuth";
import { testStoreKinds } from "../testing/testStores";
import { useTestDeps } from "../testing/useTestDeps";
import { LOCK_AFTER_FAILURES } from "./createAuthRoutes";
import { must } from "../../core/model/must";

const browser = { "Content-Type": "application/json", "X-Cuboidal-Client": "1", Host: "localhost" };

describe.each(testStoreKinds())("authentication on $name", (kind) => {
  const t = useTestDeps(kind);
  let app: ReturnType<typeof createApp>;
  let admin: TestUser;
  let alice: TestUser;
  beforeEach(async () => {
    app = createApp(t.deps);
    admin = await addTestUser(t.deps.store, "admin", { isAdmin: true });
    alice = await addTestUser(t.deps.store, "alice", { roles: { default: "annotator" } });
  });
  const signIn = (username: string, password: string, headers: Record<string, string> = {}) =>
    app.request("http://localhost/api/auth/sign-in", {
      method: "POST",
      headers: { ...browser, ...headers },
      body: JSON.stringify({ username, password }),
    });
  const cookieOf = (res: Response) =>
    must(
      must(res.headers.get("set-cookie"), 'res.headers.get("set-cookie")').split(";")[0],
      'res.headers.get("set-cookie").split(";")[0]',
    );
  const me = (headers: Record<string, string>) => app.request("http://localhost/api/auth/me", { headers });
  const auditActions = async () =>
    (
      await t.deps.store.db
        .selectFrom("audit_log")
        .select(["action", "actor_name", "target"])
        .orderBy("id")
        .execute()
    ).map((r) => `${r.action} ${r.actor_name} ${r.target}`);

  it("signs in with an httpOnly SameSite=Lax cookie (Secure behind https), signs out, and audits both and the failures", async () => {
    expect((await signIn("alice", "wrong")).status).toBe(401);
    expect((await signIn("nobody", "wrong")).status).toBe(401);
    const ok = await signIn("Alice", alice.password);
    expect(ok.status).toBe(200);
    const setCookie = must(ok.headers.get("set-cookie"), 'ok.headers.get("set-cookie")');
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Lax/);
    expect(setCookie).not.toMatch(/Secure/);
    const secure = await signIn("alice", alice.password, { "X-Forwarded-Proto": "https" });
    expect(secure.headers.get("set-cookie")).toMatch(/Secure/);
    const cookie = { Cookie: cookieOf(ok) };
    expect(((await (await me(cookie)).json()) as { user: { username: string } }).user.username).toBe("alice");
    const out = await app.request("http://localhost/api/auth/sign-out", {
      method: "POST",
      headers: { ...browser, ...cookie },
    });
    expect(out.status).toBe(204);
    expect((await me(cookie)).status).toBe(401);
    expect(await auditActions()).toEqual([
      "auth.sign-in-failed anonymous user:alice",
      "auth.sign-in-failed anonymous user:nobody",
      "auth.sign-in alice user:alice",
      "auth.sign-in alice user:alice",
      "auth.sign-out alice user:alice",
    ]);
  });

  it("refuses cookie writes without the client header or from another origin (CSRF); bearer writes need neither", async () => {
    const cookie = { Cookie: cookieOf(await signIn("admin", admin.password)) };
    const create = (headers: Record<string, string>) =>
      app.request("http://localhost/api/projects", {
        method: "POST",
        headers: { "Content-Type": "application/json", Host: "localhost", ...headers },
        body: JSON.stringify({ name: `p${Math.random()}` }),
      });
    expect((await create(cookie)).status).toBe(403);
    expect(
      (await create({ ...cookie, "X-Cuboidal-Client": "1", Origin: "https://evil.example" })).status,
    ).toBe(403);
    expect((await create({ ...cookie, "X-Cuboidal-Client": "1", Origin: "http://localhost" })).status).toBe(
      201,
    );
    expect((await create(admin.headers)).status).toBe(201);
    // A cross-site page cannot sign the victim in as someone else either.
    expect((await signIn("alice", alice.password, { Origin: "https://evil.example" })).status).toBe(403);
  });

  it("locks an account after repeated wrong passwords until an admin resets it", async () => {
    for (let i = 0; i < LOCK_AFTER_FAILURES; i++) expect((await signIn("alice", "wrong")).status).toBe(401);
    const locked = await signIn("alice", alice.password);
    expect(locked.status).toBe(429);
    expect(((await locked.json()) as { message: string }).message).toMatch(/locked until/);
    const reset = await app.request(`/api/users/${alice.id}/password`, {
      method: "POST",
      headers: { ...admin.headers, "Content-Type": "application/json" },
      body: JSON.stringify({}),
    });
    const { password } = (await reset.json()) as { password: string };
    expect((await signIn("alice", alice.password)).status).toBe(401);
    expect((await signIn("alice", password)).status).toBe(200);
  });

  it("throttles an address after 20 failed sign-ins, whatever the user names", async () => {
    for (let i = 0; i < 20; i++) expect((await signIn(`ghost${i}`, "wrong")).status).toBe(401);
    const refused = await signIn("alice", alice.password);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("Retry-After"))).toBeGreaterThan(0);
  });

  it("personal tokens: created once, hashed at rest, last use recorded, revocable at once; password change and disable end sessions", async () => {
    const cookieA = { Cookie: cookieOf(await signIn("alice", alice.password)) };
    const cookieB = { Cookie: cookieOf(await signIn("alice", alice.password)) };
    const made = await app.request("http://localhost/api/auth/tokens", {
      method: "POST",
      headers: { ...browser, ...cookieA },
      body: JSON.stringify({ name: "cli" }),
    });
    const { id, token } = (await made.json()) as { id: string; token: string };
    expect(token).toMatch(/^cub_[a-z2-7]{32}$/);
    const stored = await t.deps.store.db
      .selectFrom("api_tokens")
      .select("token_hash")
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    expect(stored.token_hash).not.toContain(token.slice(4));
    const bearer = { Authorization: `Bearer ${token}` };
    expect((await me(bearer)).status).toBe(200);
    expect((await me(bearer)).status).toBe(200);
    const listed = (await (await app.request("/api/auth/tokens", { headers: bearer })).json()) as Array<{
      id: string;
      lastUsedAt: string | null;
    }>;
    expect(
      must(
        listed.find((x) => x.id === id),
        "listed.find((x) => x.id === id)",
      ).lastUsedAt,
    ).not.toBeNull();
    expect((await auditActions()).filter((a) => a.startsWith("token.used") && a.includes(id))).toHaveLength(
      1,
    );
    expect((await app.request(`/api/auth/tokens/${id}`, { method: "DELETE", headers: bearer })).status).toBe(
      204,
    );
    expect((await me(bearer)).status).toBe(401);
    // Changing the password keeps this session and ends the other one.
    const change = await app.request("http://localhost/api/auth/password", {
      method: "POST",
      headers: { ...browser, ...cookieA },
      body: JSON.stringify({ currentPassword: alice.password, newPassword: "a-new-long-password" }),
    });
    expect(change.status).toBe(204);
    expect((await me(cookieA)).status).toBe(200);
    expect((await me(cookieB)).status).toBe(401);
    await app.request(`/api/users/${alice.id}`, {
      method: "PATCH",
      headers: { ...admin.headers, "Content-Type": "application/json" },
      body: JSON.stringify({ disabled: true }),
    });
    expect((await me(cookieA)).status).toBe(401);
    expect((await me(alice.headers)).status).toBe(401);
    expect((await signIn("alice", "a-new-long-password")).status).toBe(401);
  });

  it("keeps the audit log append-only, filters and pages it, and exports CSV", async () => {
    for (let i = 0; i < 3; i++) await signIn("alice", "wrong");
    await expect(sql`update audit_log set actor_name = 'x'`.execute(t.deps.store.db)).rejects.toThrow(
      /append-only/,
    );
    await expect(sql`delete from audit_log`.execute(t.deps.store.db)).rejects.toThrow(/append-only/);
    const page = async (q: string) =>
      (await (await app.request(`/api/audit?${q}`, { headers: admin.headers })).json()) as {
        entries: Array<{ id: number; action: string }>;
        nextBefore: number | null;
      };
    const first = await page("action=auth.&limit=2");
    expect(first.entries.map((e) => e.action)).toEqual(["auth.sign-in-failed", "auth.sign-in-failed"]);
    const second = await page(`action=auth.&limit=2&before=${first.nextBefore}`);
    expect(second.entries).toHaveLength(1);
    expect(must(second.entries[0], "second.entries[0]").id).toBeLessThan(
      must(first.entries[1], "first.entries[1]").id,
    );
    const csv = await app.request("/api/audit/csv?action=auth.sign-in-failed", { headers: admin.headers });
    expect(csv.headers.get("content-type")).toMatch(/text\/csv/);
    const lines = (await csv.text()).trim().split("\r\n");
    expect(lines[0]).toBe("id,at,actor,action,target,detail,ip");
    expect(lines).toHaveLength(4);
    expect(lines[1]).toMatch(/anonymous,auth\.sign-in-failed,user:alice/);
  });

  it("sends security headers, and a fault's reply names no internal detail", async () => {
    const res = await app.request("/api/health");
    const csp = must(
      res.headers.get("content-security-policy"),
      'res.headers.get("content-security-policy")',
    );
    expect(csp).toMatch(/script-src 'self' 'wasm-unsafe-eval'/);
    expect(csp).toMatch(/frame-ancestors 'none'/);
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("referrer-policy")).toBe("same-origin");
    // The fault goes to the server's log (with its reference), never to the client.
    const logged: string[] = [];
    const broken = createApp({
      ...t.deps,
      log: pino({ level: "error" }, { write: (line: string) => void logged.push(line) }),
      blobs: {
        ...t.deps.blobs,
        size: async () => {
          throw new Error("disk /secret/path exploded");
        },
      },
    });
    const hash = "a".repeat(64);
    const r = await broken.request(`/api/blobs/${hash}`, { headers: admin.headers });
    expect(r.status).toBe(500);
    const body = await r.text();
    expect(body).not.toMatch(/secret|exploded/);
    const reference = /internal error \(reference ([0-9a-f]{8})/.exec(body)?.[1];
    expect(reference).toBeDefined();
    expect(logged.join("\n")).toMatch(/exploded/);
    expect(logged.join("\n")).toContain(reference);
  });
});
