import { createApiToken } from "../auth/credentials";
import { hashPassword } from "../auth/passwords";
import type { Database } from "../db/openDatabase";
import type { ProjectRole } from "../db/Schema";
import { must } from "../../core/model/must";

/** The admin password spawned test servers get (spawnServerProcess passes it as ADMIN_PASSWORD). */
export const TEST_ADMIN_PASSWORD = "test-admin-password";

export interface TestUser {
  id: string;
  username: string;
  password: string;
  /** `{ Authorization: "Bearer …" }` of a personal token. */
  headers: Record<string, string>;
}

/** A user straight in the store, with a token and optional memberships (projectId → role). */
export async function addTestUser(
  store: Database,
  username: string,
  options: { isAdmin?: boolean; roles?: Record<string, ProjectRole> } = {},
): Promise<TestUser> {
  const id = crypto.randomUUID();
  const password = `${username}-password`;
  await store.db
    .insertInto("users")
    .values({
      id,
      username,
      display_name: username,
      password_hash: await hashPassword(password),
      is_admin: options.isAdmin ?? false,
    })
    .execute();
  for (const [projectId, role] of Object.entries(options.roles ?? {}))
    await store.db
      .insertInto("project_members")
      .values({ project_id: projectId, user_id: id, role })
      .execute();
  const { token } = await createApiToken(store, id, "test");
  return { id, username, password, headers: { Authorization: `Bearer ${token}` } };
}

/** A request function that adds `headers` to every call (`app.request` or a base URL's fetch). */
export function withHeaders(
  request: (path: string, init?: RequestInit) => Response | Promise<Response>,
  headers: Record<string, string>,
): (path: string, init?: RequestInit) => Promise<Response> {
  return async (path, init = {}) =>
    request(path, {
      ...init,
      headers: { ...headers, ...(init.headers as Record<string, string> | undefined) },
    });
}

/** Signs in to a running server and makes a personal token: bearer headers for fetch. */
export async function signInForToken(
  url: string,
  username: string,
  password: string,
): Promise<Record<string, string>> {
  const browserish = { "Content-Type": "application/json", "X-Cuboidal-Client": "1" };
  const res = await fetch(`${url}/api/auth/sign-in`, {
    method: "POST",
    headers: browserish,
    body: JSON.stringify({ username, password }),
  });
  if (!res.ok) throw new Error(`sign-in as ${username} at ${url}: HTTP ${res.status} ${await res.text()}`);
  const cookie = must(
    must(res.headers.get("set-cookie"), 'res.headers.get("set-cookie")').split(";")[0],
    'res.headers.get("set-cookie").split(";")[0]',
  );
  const made = await fetch(`${url}/api/auth/tokens`, {
    method: "POST",
    headers: { ...browserish, Cookie: cookie },
    body: JSON.stringify({ name: "test" }),
  });
  if (!made.ok) throw new Error(`token for ${username}: HTTP ${made.status} ${await made.text()}`);
  return { Authorization: `Bearer ${((await made.json()) as { token: string }).token}` };
}
