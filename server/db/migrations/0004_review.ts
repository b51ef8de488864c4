import { type Kysely, sql } from "kysely";
import { DEFAULT_ERROR_TYPES } from "../../../core/review/ErrorType";

const STATES = "'todo', 'labeling', 'submitted', 'in-review', 'accepted', 'rejected', 'rework'";

/**
 * The review workflow (issue #12): task states from to-do to accepted, every move recorded, box
 * verdicts, issues pinned in 3D with replies, per-project error types and per-task sampling.
 * Tasks stored before it: "labeling" stays, "review" becomes "in-review", "done" "accepted".
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`update tasks set state = case state when 'review' then 'in-review' when 'done' then 'accepted'
    when 'labeling' then 'labeling' else 'labeling' end`.execute(db);
  await sql`alter table tasks alter column state set default 'todo'`.execute(db);
  await sql
    .raw(`alter table tasks add constraint tasks_state_check check (state in (${STATES}))`)
    .execute(db);
  await db.schema
    .alterTable("tasks")
    .addColumn("sample_percent", "real", (c) => c.notNull().defaultTo(100))
    .execute();
  await db.schema
    .alterTable("tasks")
    .addColumn("max_rejected_percent", "real", (c) => c.notNull().defaultTo(0))
    .execute();
  await sql`alter table projects add column error_types jsonb not null default ${sql.lit(JSON.stringify(DEFAULT_ERROR_TYPES))}::jsonb`.execute(
    db,
  );
  await db.schema
    .createTable("task_transitions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("task_id", "text", (c) => c.notNull().references("tasks.id").onDelete("cascade"))
    .addColumn("from_state", "text")
    .addColumn("to_state", "text", (c) => c.notNull())
    .addColumn("action", "text", (c) => c.notNull())
    .addColumn("actor_id", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("actor_name", "text", (c) => c.notNull())
    .addColumn("revision", "integer", (c) => c.notNull())
    .addColumn("note", "text")
    .addColumn("at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex("task_transitions_by_task")
    .on("task_transitions")
    .columns(["task_id", "at"])
    .execute();
  await db.schema
    .createTable("box_verdicts")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("task_id", "text", (c) => c.notNull().references("tasks.id").onDelete("cascade"))
    .addColumn("target_kind", "text", (c) => c.notNull().check(sql`target_kind in ('box', 'track')`))
    .addColumn("cuboid_id", "text")
    .addColumn("track_id", "text", (c) => c.notNull())
    .addColumn("frame_index", "integer")
    .addColumn("verdict", "text", (c) => c.notNull().check(sql`verdict in ('accepted', 'rejected')`))
    .addColumn("reason_code", "text")
    .addColumn("note", "text")
    .addColumn("reviewer_id", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("reviewer_name", "text", (c) => c.notNull())
    .addColumn("revision", "integer", (c) => c.notNull())
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex("box_verdicts_by_task")
    .on("box_verdicts")
    .columns(["task_id", "created_at"])
    .execute();
  await db.schema
    .createTable("review_issues")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("task_id", "text", (c) => c.notNull().references("tasks.id").onDelete("cascade"))
    .addColumn("sequence_id", "text", (c) => c.notNull().references("sequences.id").onDelete("cascade"))
    .addColumn("anchor", "jsonb", (c) => c.notNull())
    .addColumn("frame_index", "integer", (c) => c.notNull())
    .addColumn("track_id", "text")
    .addColumn("status", "text", (c) =>
      c.notNull().check(sql`status in ('open', 'resolved', 'verified', 'reopened')`),
    )
    .addColumn("reason_code", "text")
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("author_id", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("author_name", "text", (c) => c.notNull())
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex("review_issues_by_task").on("review_issues").column("task_id").execute();
  await db.schema
    .createIndex("review_issues_by_sequence")
    .on("review_issues")
    .column("sequence_id")
    .execute();
  await db.schema
    .createTable("review_issue_replies")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("issue_id", "text", (c) => c.notNull().references("review_issues.id").onDelete("cascade"))
    .addColumn("author_id", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("author_name", "text", (c) => c.notNull())
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("action", "text")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex("review_issue_replies_by_issue")
    .on("review_issue_replies")
    .columns(["issue_id", "created_at"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ["review_issue_replies", "review_issues", "box_verdicts", "task_transitions"])
    await db.schema.dropTable(t).execute();
  await db.schema.alterTable("projects").dropColumn("error_types").execute();
  await db.schema.alterTable("tasks").dropColumn("max_rejected_percent").execute();
  await db.schema.alterTable("tasks").dropColumn("sample_percent").execute();
  await sql`alter table tasks drop constraint tasks_state_check`.execute(db);
  await sql`alter table tasks alter column state set default 'labeling'`.execute(db);
  await sql`update tasks set state = case when state in ('submitted', 'in-review') then 'review'
    when state = 'accepted' then 'done' else 'labeling' end`.execute(db);
}
