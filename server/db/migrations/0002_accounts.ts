import { type Kysely, sql } from "kysely";
import { DEFAULT_CLASSES } from "../../../core/model/defaultClasses";

/** The id of the project that existing sequences and CLI imports belong to. */
export const DEFAULT_PROJECT_ID = "default";

/**
 * Accounts, projects, tasks and the audit log. Every existing sequence moves into a "Default"
 * project whose class catalogue is the default classes.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("users")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("username", "text", (c) => c.notNull().unique())
    .addColumn("display_name", "text", (c) => c.notNull())
    .addColumn("password_hash", "text", (c) => c.notNull())
    .addColumn("is_admin", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("disabled", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("failed_sign_ins", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("locked_until", "timestamptz")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createTable("sessions")
    .addColumn("id_hash", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("expires_at", "timestamptz", (c) => c.notNull())
    .execute();
  await db.schema
    .createTable("api_tokens")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("token_hash", "text", (c) => c.notNull().unique())
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("last_used_at", "timestamptz")
    .addColumn("revoked_at", "timestamptz")
    .execute();
  await db.schema
    .createTable("projects")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("name", "text", (c) => c.notNull().unique())
    .addColumn("classes", "jsonb", (c) => c.notNull())
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`insert into projects (id, name, classes) values (${DEFAULT_PROJECT_ID}, 'Default', ${JSON.stringify(DEFAULT_CLASSES)}::jsonb)`.execute(
    db,
  );
  await db.schema
    .alterTable("sequences")
    .addColumn("project_id", "text", (c) =>
      c.notNull().defaultTo(DEFAULT_PROJECT_ID).references("projects.id").onDelete("restrict"),
    )
    .execute();
  // Server-allocated track ids: the next number handed out (never below an existing numeric id).
  await db.schema
    .alterTable("sequences")
    .addColumn("next_track_number", "integer", (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema
    .createTable("project_members")
    .addColumn("project_id", "text", (c) => c.notNull().references("projects.id").onDelete("cascade"))
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("role", "text", (c) =>
      c.notNull().check(sql`role in ('admin', 'lead', 'annotator', 'reviewer', 'viewer')`),
    )
    .addPrimaryKeyConstraint("project_members_pk", ["project_id", "user_id"])
    .execute();
  await db.schema
    .createTable("tasks")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("project_id", "text", (c) => c.notNull().references("projects.id").onDelete("cascade"))
    .addColumn("sequence_id", "text", (c) => c.notNull().references("sequences.id").onDelete("cascade"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("frame_start", "integer")
    .addColumn("frame_end", "integer")
    .addColumn("labeler_id", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("reviewer_id", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("state", "text", (c) => c.notNull().defaultTo("labeling"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  // Blob downloads check that the blob belongs to a frame the caller may read.
  await db.schema.createIndex("frames_by_lidar_blob").on("frames").column("lidar_blob").execute();
  await db.schema.createIndex("tasks_by_labeler").on("tasks").column("labeler_id").execute();
  await db.schema.createIndex("tasks_by_reviewer").on("tasks").column("reviewer_id").execute();
  await db.schema.createIndex("tasks_by_sequence").on("tasks").column("sequence_id").execute();
  await db.schema
    .createTable("audit_log")
    .addColumn("id", "bigserial", (c) => c.primaryKey())
    .addColumn("at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("actor_id", "text")
    .addColumn("actor_name", "text", (c) => c.notNull())
    .addColumn("action", "text", (c) => c.notNull())
    .addColumn("target", "text", (c) => c.notNull())
    .addColumn("detail", "jsonb")
    .addColumn("ip", "text")
    .execute();
  await db.schema.createIndex("audit_log_by_action").on("audit_log").columns(["action", "id"]).execute();
  // Append-only: the database itself refuses to change or remove an entry.
  await sql`create function audit_log_refuse_change() returns trigger language plpgsql as $$
    begin raise exception 'audit_log is append-only'; end $$`.execute(db);
  await sql`create trigger audit_log_append_only before update or delete on audit_log
    for each row execute function audit_log_refuse_change()`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop trigger audit_log_append_only on audit_log`.execute(db);
  await sql`drop function audit_log_refuse_change()`.execute(db);
  for (const t of ["audit_log", "tasks", "project_members", "api_tokens", "sessions"])
    await db.schema.dropTable(t).execute();
  await db.schema.alterTable("sequences").dropColumn("next_track_number").execute();
  await db.schema.alterTable("sequences").dropColumn("project_id").execute();
  for (const t of ["projects", "users"]) await db.schema.dropTable(t).execute();
}
