import { z } from "zod";

/** A user as the admin's user list shows it (GET /api/users, PATCH /api/users/{id}). */
export const userRowSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  isAdmin: z.boolean(),
  disabled: z.boolean(),
  /** ISO time while sign-ins are locked after failures, else null. */
  lockedUntil: z.string().nullable(),
});
export type UserRow = z.infer<typeof userRowSchema>;

/** POST /api/users: the new user, and the generated password when none was given (shown once). */
export const createdUserSchema = z.object({ user: userRowSchema, password: z.string().optional() });

/** POST /api/users/{id}/password: the generated password when none was given. */
export const passwordResetSchema = z.object({ password: z.string().optional() });

/** GET /api/users/directory: who exists, names only (for adding members). */
export const directoryEntrySchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
});

/** A personal API token as its owner's list shows it (never the secret). */
export const tokenRowSchema = z.object({
  id: z.string(),
  name: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export type TokenRow = z.infer<typeof tokenRowSchema>;

/** POST /api/auth/tokens: the new token, its secret shown once. */
export const createdTokenSchema = z.object({ id: z.string(), name: z.string(), token: z.string() });

/** One audit-log entry. */
export const auditEntrySchema = z.object({
  id: z.number(),
  at: z.string(),
  actorId: z.string().nullable(),
  actor: z.string(),
  action: z.string(),
  target: z.string(),
  detail: z.unknown(),
  ip: z.string().nullable(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

/** GET /api/audit: a page of entries, newest first; `nextBefore` asks for the next page. */
export const auditPageSchema = z.object({
  entries: z.array(auditEntrySchema),
  nextBefore: z.number().nullable(),
});
