import { DEFAULT_ERROR_TYPES, type ErrorType, errorTypeListSchema } from "../../core/review/ErrorType";
import type { Database } from "../db/openDatabase";

/** A project's error types (the defaults when a stored list does not parse). */
export async function projectErrorTypes(db: Database["db"], projectId: string): Promise<ErrorType[]> {
  const row = await db
    .selectFrom("projects")
    .select("error_types")
    .where("id", "=", projectId)
    .executeTakeFirst();
  const parsed = errorTypeListSchema.safeParse(row?.error_types);
  return parsed.success ? parsed.data : [...DEFAULT_ERROR_TYPES];
}

/** Why `code` is not one of the project's error types, or null. */
export async function reasonCodeProblem(
  db: Database["db"],
  projectId: string,
  code: string | undefined,
): Promise<string | null> {
  if (code === undefined) return null;
  const types = await projectErrorTypes(db, projectId);
  return types.some((t) => t.code === code)
    ? null
    : `reasonCode: "${code}" is not one of this project's error types (${types.map((t) => t.code).join(", ")})`;
}
