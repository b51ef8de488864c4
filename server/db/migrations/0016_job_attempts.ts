import { type Kysely, sql } from "kysely";

/**
 * Each run of a job (the first, and every retry a person asks for) is its own pg-boss job with its
 * own id; `attempt_id` names the current one. An attempt whose id is no longer current (a retry
 * started while it was still running) writes nothing more to the row. Rows made before this ran
 * had one pg-boss job whose id is the row's.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("jobs").addColumn("attempt_id", "text").execute();
  await sql`update jobs set attempt_id = id`.execute(db);
  await db.schema
    .alterTable("jobs")
    .alterColumn("attempt_id", (c) => c.setNotNull())
    .execute();
  await db.schema.createIndex("jobs_attempt").unique().on("jobs").column("attempt_id").execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex("jobs_attempt").execute();
  await db.schema.alterTable("jobs").dropColumn("attempt_id").execute();
}
