import { type Kysely, sql } from "kysely";

/**
 * Analytics: one row per box per accepted batch (box_events, derived from the operation log and
 * kept by applyBatch) with its per-person-day rollup (box_day_counts), and each project's analytics settings (idle gap, break reminder, pay rates).
 * The existing log is backfilled by 0010_analytics_slots, which keeps these rollups per
 * quarter-hour instead of per UTC day: the backfill runs the current server/analytics code, which
 * writes the 0010 schema.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("box_events")
    .addColumn("sequence_id", "text", (c) => c.notNull().references("sequences.id").onDelete("cascade"))
    .addColumn("revision", "integer", (c) => c.notNull())
    .addColumn("cuboid_id", "text", (c) => c.notNull())
    .addColumn("author", "text", (c) => c.notNull())
    .addColumn("at", "timestamptz", (c) => c.notNull())
    .addColumn("day", "text", (c) => c.notNull())
    .addColumn("frame_index", "integer", (c) => c.notNull())
    .addColumn("class_name", "text", (c) => c.notNull())
    .addColumn("provenance", "text")
    .addColumn("prev_provenance", "text")
    .addColumn("latest", "boolean", (c) => c.notNull())
    .addColumn("work", "boolean", (c) => c.notNull())
    .addPrimaryKeyConstraint("box_events_pk", ["sequence_id", "cuboid_id", "revision"])
    .execute();
  // Tasks, progress and the ledger read events by frame; the newest of each box is "the box now".
  await db.schema
    .createIndex("box_events_by_frame")
    .on("box_events")
    .columns(["sequence_id", "frame_index"])
    .execute();
  await sql`create index box_events_now on box_events (sequence_id, frame_index) include (class_name, provenance, author) where latest`.execute(
    db,
  );
  // Work stretches and active time walk each author's saves in time order (index-only).
  await sql`create index batches_by_author_time on batches (author, created_at) include (sequence_id, batch_id)`.execute(
    db,
  );
  await db.schema
    .createTable("box_day_counts")
    .addColumn("sequence_id", "text", (c) => c.notNull().references("sequences.id").onDelete("cascade"))
    .addColumn("author", "text", (c) => c.notNull())
    .addColumn("day", "text", (c) => c.notNull())
    .addColumn("created", "integer", (c) => c.notNull())
    .addColumn("edited", "integer", (c) => c.notNull())
    .addColumn("deleted", "integer", (c) => c.notNull())
    .addColumn("machine_created", "integer", (c) => c.notNull())
    .addColumn("machine_corrected", "integer", (c) => c.notNull())
    .addColumn("finished", "integer", (c) => c.notNull())
    .addColumn("machine_unchanged", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("box_day_counts_pk", ["sequence_id", "author", "day"])
    .execute();
  await db.schema
    .createTable("analytics_settings")
    .addColumn("project_id", "text", (c) => c.primaryKey().references("projects.id").onDelete("cascade"))
    .addColumn("settings", "jsonb", (c) => c.notNull())
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createTable("frame_counts")
    .addColumn("sequence_id", "text", (c) => c.notNull().references("sequences.id").onDelete("cascade"))
    .addColumn("frame_index", "integer", (c) => c.notNull())
    .addColumn("boxes_now", "integer", (c) => c.notNull())
    .addColumn("first_day", "text")
    .addColumn("first_by_work", "boolean")
    .addColumn("created", "integer", (c) => c.notNull())
    .addColumn("edited", "integer", (c) => c.notNull())
    .addColumn("machine_created", "integer", (c) => c.notNull())
    .addColumn("machine_corrected", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("frame_counts_pk", ["sequence_id", "frame_index"])
    .execute();
  await db.schema
    .createTable("work_stretches")
    .addColumn("project_id", "text", (c) => c.notNull().references("projects.id").onDelete("cascade"))
    .addColumn("author", "text", (c) => c.notNull())
    .addColumn("start_at", "timestamptz", (c) => c.notNull())
    .addColumn("end_at", "timestamptz", (c) => c.notNull())
    .addColumn("saves", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("work_stretches_pk", ["project_id", "author", "start_at"])
    .execute();
  await db.schema
    .createIndex("work_stretches_by_end")
    .on("work_stretches")
    .columns(["project_id", "author", "end_at"])
    .execute();
  await db.schema
    .createTable("active_days")
    .addColumn("project_id", "text", (c) => c.notNull().references("projects.id").onDelete("cascade"))
    .addColumn("author", "text", (c) => c.notNull())
    .addColumn("day", "text", (c) => c.notNull())
    .addColumn("active_ms", "bigint", (c) => c.notNull())
    .addPrimaryKeyConstraint("active_days_pk", ["project_id", "author", "day"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ["active_days", "work_stretches", "frame_counts", "analytics_settings"])
    await db.schema.dropTable(t).execute();
  await db.schema.dropTable("box_day_counts").execute();
  await db.schema.dropIndex("batches_by_author_time").execute();
  await db.schema.dropTable("box_events").execute();
}
