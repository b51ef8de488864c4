import type { Database } from "../db/openDatabase";
import type { Principal } from "./Principal";
import { API_TOKEN_PREFIX, hashSecret, randomSecret } from "./secrets";

export const SESSION_COOKIE = "cuboidal_session";
export const SESSION_DAYS = 14;
const DAY_MS = 86_400_000;

const userColumns = [
  "u.id as userId",
  "u.username",
  "u.display_name as displayName",
  "u.is_admin as isAdmin",
] as const;

/** A new browser session for a user; returns the token for the cookie (the row keeps its hash). */
export async function createSession(store: Database, userId: string): Promise<string> {
  const token = randomSecret();
  await store.db
    .insertInto("sessions")
    .values({
      id_hash: hashSecret(token),
      user_id: userId,
      expires_at: new Date(Date.now() + SESSION_DAYS * DAY_MS).toISOString(),
    })
    .execute();
  return token;
}

/** The signed-in user of a session token, or null (unknown, expired, disabled user). Sliding expiry. */
export async function principalFromSession(store: Database, token: string): Promise<Principal | null> {
  const idHash = hashSecret(token);
  const row = await store.db
    .selectFrom("sessions as s")
    .innerJoin("users as u", "u.id", "s.user_id")
    .select([...userColumns, "s.expires_at as expiresAt"])
    .where("s.id_hash", "=", idHash)
    .where("u.disabled", "=", false)
    .executeTakeFirst();
  if (!row || row.expiresAt.getTime() < Date.now()) return null;
  // Renewed when half spent, so an active user stays signed in and an idle one expires.
  if (row.expiresAt.getTime() - Date.now() < (SESSION_DAYS * DAY_MS) / 2)
    await store.db
      .updateTable("sessions")
      .set({ expires_at: new Date(Date.now() + SESSION_DAYS * DAY_MS).toISOString() })
      .where("id_hash", "=", idHash)
      .execute();
  const { expiresAt: _, ...user } = row;
  return { ...user, via: "session", credential: idHash };
}

/** A new personal API token; the plain token is returned once and never stored. */
export async function createApiToken(
  store: Database,
  userId: string,
  name: string,
): Promise<{ id: string; name: string; token: string }> {
  const token = `${API_TOKEN_PREFIX}${randomSecret()}`;
  const id = crypto.randomUUID();
  await store.db
    .insertInto("api_tokens")
    .values({ id, user_id: userId, name, token_hash: hashSecret(token) })
    .execute();
  return { id, name, token };
}

/** The owner of a bearer token, or null (unknown, revoked, disabled user). */
export async function principalFromToken(store: Database, token: string): Promise<Principal | null> {
  if (!token.startsWith(API_TOKEN_PREFIX)) return null;
  const row = await store.db
    .selectFrom("api_tokens as t")
    .innerJoin("users as u", "u.id", "t.user_id")
    .select([...userColumns, "t.id as tokenId"])
    .where("t.token_hash", "=", hashSecret(token))
    .where("t.revoked_at", "is", null)
    .where("u.disabled", "=", false)
    .executeTakeFirst();
  if (!row) return null;
  const { tokenId, ...user } = row;
  return { ...user, via: "token", credential: tokenId };
}
