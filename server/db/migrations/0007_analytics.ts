import { type Kysely, sql } from "kysely";
import { recordBoxEvents } from "../../analytics/recordBoxEvents";

/**
 * Analytics: one row per box per accepted batch (box_events, derived from the operation log and
 * kept by applyBatch), and each project's analytics settings (idle gap, break reminder, pay rates).
 * The existing log is backfilled here.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("box_events")
    .addColumn("sequence_id", "text", (c) => c.notNull().references("sequences.id").onDelete("cascade"))
    .addColumn("revision", "integer", (c) => c.notNull())
    .addColumn("cuboid_id", "text", (c) => c.notNull())
    .addColumn("author", "text", (c) => c.notNull())
    .addColumn("at", "timestamptz", (c) => c.notNull())
    .addColumn("frame_index", "integer", (c) => c.notNull())
    .addColumn("class_name", "text", (c) => c.notNull())
    .addColumn("provenance", "text")
    .addColumn("prev_provenance", "text")
    .addPrimaryKeyConstraint("box_events_pk", ["sequence_id", "cuboid_id", "revision"])
    .execute();
  // Per-project figures filter by sequence, then group by author and day or by frame.
  await db.schema.createIndex("box_events_by_time").on("box_events").columns(["sequence_id", "at"]).execute();
  // Work stretches and active time walk each author's saves in time order.
  await db.schema
    .createIndex("batches_by_author_time")
    .on("batches")
    .columns(["author", "created_at"])
    .execute();
  await db.schema
    .createTable("analytics_settings")
    .addColumn("project_id", "text", (c) => c.primaryKey().references("projects.id").onDelete("cascade"))
    .addColumn("settings", "jsonb", (c) => c.notNull())
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await recordBoxEvents(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("analytics_settings").execute();
  await db.schema.dropIndex("batches_by_author_time").execute();
  await db.schema.dropTable("box_events").execute();
}
