import { type Kysely, sql } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("sequences")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("source_key", "text", (c) => c.unique())
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("lidar_name", "text", (c) => c.notNull())
    .addColumn("cameras", "jsonb", (c) => c.notNull())
    .addColumn("classes", "jsonb", (c) => c.notNull())
    .addColumn("head_revision", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .createTable("frames")
    .addColumn("sequence_id", "text", (c) => c.notNull().references("sequences.id").onDelete("cascade"))
    .addColumn("frame_index", "integer", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("timestamp_us", "bigint", (c) => c.notNull())
    .addColumn("world_from_lidar", "jsonb", (c) => c.notNull())
    .addColumn("lidar_blob", "text", (c) => c.notNull())
    .addColumn("lidar_format", "text", (c) => c.notNull())
    .addColumn("image_blobs", "jsonb", (c) => c.notNull())
    .addColumn("source_meta", "jsonb")
    .addPrimaryKeyConstraint("frames_pk", ["sequence_id", "frame_index"])
    .execute();
  await db.schema
    .createTable("batches")
    .addColumn("sequence_id", "text", (c) => c.notNull().references("sequences.id").onDelete("cascade"))
    .addColumn("revision", "integer", (c) => c.notNull())
    .addColumn("batch_id", "text", (c) => c.notNull())
    .addColumn("author", "text", (c) => c.notNull())
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("provenance", "text", (c) => c.notNull())
    .addColumn("operations", "jsonb", (c) => c.notNull())
    .addPrimaryKeyConstraint("batches_pk", ["sequence_id", "revision"])
    .addUniqueConstraint("batches_batch_id_unique", ["sequence_id", "batch_id"])
    .execute();
  for (const table of ["objects", "object_versions"] as const) {
    await db.schema
      .createTable(table)
      .addColumn("sequence_id", "text", (c) => c.notNull().references("sequences.id").onDelete("cascade"))
      .addColumn("kind", "text", (c) => c.notNull().check(sql`kind in ('cuboid', 'track')`))
      .addColumn("object_id", "text", (c) => c.notNull())
      .addColumn("revision", "integer", (c) => c.notNull())
      .addColumn("data", "jsonb")
      .addPrimaryKeyConstraint(
        `${table}_pk`,
        table === "objects"
          ? ["sequence_id", "kind", "object_id"]
          : ["sequence_id", "kind", "object_id", "revision"],
      )
      .execute();
  }
  // As-of reads scan one sequence's versions up to a revision.
  await db.schema
    .createIndex("object_versions_by_revision")
    .on("object_versions")
    .columns(["sequence_id", "revision"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ["object_versions", "objects", "batches", "frames", "sequences"])
    await db.schema.dropTable(t).execute();
}
