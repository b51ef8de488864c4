import { zValidator } from "@hono/zod-validator";
import type { ValidationTargets } from "hono";
import { z } from "zod";

/** Every error body: a machine-readable code and a sentence for people. */
export interface ApiError {
  error: string;
  message: string;
}

/** A failed zod validation as 400 `{error: "invalid-request", message: "<path>: <reason>"}`. */
export const invalidRequest = (
  result: { success: boolean; error?: { issues: Array<{ path: PropertyKey[]; message: string }> } },
  c: { json: (b: ApiError, s: 400) => Response },
) => {
  if (result.success) return;
  const issue = result.error?.issues[0];
  const where = issue && issue.path.length > 0 ? `${issue.path.map(String).join(".")}: ` : "";
  return c.json({ error: "invalid-request", message: `${where}${issue?.message ?? "invalid request"}` }, 400);
};

/** zValidator answering 400 `{error: "invalid-request", message: "<path>: <reason>"}`. */
export const validate = <T extends z.ZodType, K extends keyof ValidationTargets>(target: K, schema: T) =>
  zValidator(target, schema, invalidRequest);

export const notFound = (what: string): ApiError => ({
  error: "not-found",
  message: `${what} does not exist`,
});

/** Names shown to people: 1–100 characters, no control characters. */
export const nameSchema = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .regex(/^[^\p{Cc}]*$/u, "control characters are not allowed");

/** Ids in bodies and queries: 1–200 printable characters. */
export const idSchema = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[^\p{Cc}]*$/u, "control characters are not allowed");

/** A page size / revision-like integer query parameter within PostgreSQL's integer. */
export const intQuery = (max = 2_147_483_647) => z.coerce.number().int().nonnegative().max(max);
