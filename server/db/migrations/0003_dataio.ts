import { type Kysely, sql } from "kysely";

/**
 * Import fingerprints (a repeated upload of the same recording is recognised) and the audit log
 * of sequence renames and deletions. Numbered 0003 so the accounts branch's 0002 runs first.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("sequences").addColumn("source_fingerprint", "text").execute();
  await db.schema
    .createIndex("sequences_by_source_fingerprint")
    .on("sequences")
    .column("source_fingerprint")
    .execute();
  await db.schema
    .createTable("audit_events")
    .addColumn("id", "serial", (c) => c.primaryKey())
    .addColumn("at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("actor", "text", (c) => c.notNull())
    .addColumn("action", "text", (c) => c.notNull())
    .addColumn("subject_id", "text", (c) => c.notNull())
    .addColumn("detail", "jsonb", (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("audit_events").execute();
  await db.schema.dropIndex("sequences_by_source_fingerprint").execute();
  await db.schema.alterTable("sequences").dropColumn("source_fingerprint").execute();
}
