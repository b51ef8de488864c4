import type { Kysely } from "kysely";

/** Per-project QA settings: the overrides of the checks' defaults (null: all defaults). */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("projects").addColumn("qa_config", "jsonb").execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("projects").dropColumn("qa_config").execute();
}
