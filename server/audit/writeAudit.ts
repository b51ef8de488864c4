import type { Context } from "hono";
import type { Database } from "../db/openDatabase";
import type { AuthEnv } from "../auth/Principal";
import { clientIp } from "../http/clientIp";

/**
 * Audit actions. Dotted names group them for filters ("auth.", "project."); keep this list the one
 * place they are named.
 */
export type AuditAction =
  | "auth.sign-in"
  | "auth.sign-in-failed"
  | "auth.sign-out"
  | "auth.password-changed"
  | "token.created"
  | "token.used"
  | "token.revoked"
  | "user.created"
  | "user.updated"
  | "user.password-reset"
  | "project.created"
  | "project.updated"
  | "project.qa-config-changed"
  | "member.set"
  | "member.removed"
  | "task.created"
  | "task.updated"
  | "task.deleted"
  | "task.moved"
  | "sequence.imported"
  | "sequence.moved"
  | "sequence.renamed"
  | "sequence.deleted"
  | "sequence.exported"
  | "predictions.imported"
  | "blob.downloaded"
  | "audit.exported"
  | "analytics.settings-updated"
  | "project.plugin-changed"
  | "sequence.prelabel-started";

export interface AuditEntry {
  action: AuditAction;
  /** What it was done to: "sequence:<id>", "user:<name>", "blob:<hash>". */
  target: string;
  detail?: Record<string, unknown>;
  actor?: { id: string | null; name: string };
  ip?: string | null;
}

/** Appends one entry (the table refuses updates and deletes). */
export async function writeAudit(store: Pick<Database, "db">, entry: AuditEntry): Promise<void> {
  await store.db
    .insertInto("audit_log")
    .values({
      actor_id: entry.actor?.id ?? null,
      actor_name: entry.actor?.name ?? "anonymous",
      action: entry.action,
      target: entry.target,
      detail: entry.detail ? JSON.stringify(entry.detail) : null,
      ip: entry.ip ?? null,
    })
    .execute();
}

/** writeAudit with the actor and address of a request: `await audit(store, c, "task.created", "task:…")`. */
export function audit(
  store: Pick<Database, "db">,
  c: Context<AuthEnv>,
  action: AuditAction,
  target: string,
  detail?: Record<string, unknown>,
): Promise<void> {
  const p = c.get("principal");
  return writeAudit(store, {
    action,
    target,
    ...(detail ? { detail } : {}),
    actor: p ? { id: p.userId, name: p.username } : undefined,
    ip: clientIp(c),
  });
}
