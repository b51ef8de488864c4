import type { Kysely } from "kysely";

/** Import fingerprints: a repeated upload of the same recording is recognised. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("sequences").addColumn("source_fingerprint", "text").execute();
  await db.schema
    .createIndex("sequences_by_source_fingerprint")
    .on("sequences")
    .column("source_fingerprint")
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex("sequences_by_source_fingerprint").execute();
  await db.schema.alterTable("sequences").dropColumn("source_fingerprint").execute();
}
