import { writeFileSync } from "node:fs";
import path from "node:path";
import type { Database } from "../db/openDatabase";
import { writeAudit } from "../audit/writeAudit";
import { hashPassword, newPasswordSchema, randomPassword } from "./passwords";

export const ADMIN_PASSWORD_FILE = "admin-password.txt";

export type EnsureAdminOutcome =
  | { created: false }
  | { created: true; username: string; password: string | null; passwordFile: string | null };

/**
 * On a store without users, creates `admin`. With ADMIN_PASSWORD that is its password; otherwise
 * a random one is generated, written to DATA_DIR/admin-password.txt (mode 0600) and returned once
 * for the start-up log. A store that has users is left alone.
 */
export async function ensureAdmin(
  store: Database,
  dataDir: string,
  givenPassword: string | undefined,
): Promise<EnsureAdminOutcome> {
  const any = await store.db.selectFrom("users").select("id").limit(1).executeTakeFirst();
  if (any) return { created: false };
  if (givenPassword !== undefined) {
    const ok = newPasswordSchema.safeParse(givenPassword);
    if (!ok.success) throw new Error(`ADMIN_PASSWORD: ${ok.error.issues[0]?.message ?? ok.error.message}`);
  }
  const password = givenPassword ?? randomPassword();
  await store.db
    .insertInto("users")
    .values({
      id: crypto.randomUUID(),
      username: "admin",
      display_name: "Administrator",
      password_hash: await hashPassword(password),
      is_admin: true,
    })
    .execute();
  await writeAudit(store, { action: "user.created", target: "user:admin", detail: { firstStart: true } });
  if (givenPassword !== undefined)
    return { created: true, username: "admin", password: null, passwordFile: null };
  const passwordFile = path.join(dataDir, ADMIN_PASSWORD_FILE);
  writeFileSync(passwordFile, `${password}\n`, { mode: 0o600 });
  return { created: true, username: "admin", password, passwordFile };
}
