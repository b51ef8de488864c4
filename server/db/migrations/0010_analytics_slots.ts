import { type Kysely, sql } from "kysely";
import { recordBoxEvents } from "../../analytics/recordBoxEvents";
import { rebuildWorkTime } from "../../analytics/recordWorkTime";

/**
 * "Per day" follows the project's time zone (issue #15): the rollups of 0007 move from UTC days to
 * quarter-hour slots of UTC time (core/analytics/localDay: every zone's offset is a whole number of
 * quarter-hours, so a slot lies in one local day of any zone) and are grouped into the asked zone's
 * days when read. box_day_counts → box_slot_counts, active_days → active_slots,
 * box_events.day → slot, frame_counts.first_day → first_slot. Every derived table is rebuilt
 * from the operation log here (this is also where a fresh database's log is first derived).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("box_day_counts").execute();
  await db.schema.dropTable("active_days").execute();
  await sql`truncate box_events, frame_counts, work_stretches`.execute(db);
  await db.schema.alterTable("box_events").dropColumn("day").execute();
  await db.schema
    .alterTable("box_events")
    .addColumn("slot", "timestamptz", (c) => c.notNull())
    .execute();
  await db.schema.alterTable("frame_counts").dropColumn("first_day").execute();
  await db.schema.alterTable("frame_counts").addColumn("first_slot", "timestamptz").execute();
  await db.schema
    .createTable("box_slot_counts")
    .addColumn("sequence_id", "text", (c) => c.notNull().references("sequences.id").onDelete("cascade"))
    .addColumn("author", "text", (c) => c.notNull())
    .addColumn("slot", "timestamptz", (c) => c.notNull())
    .addColumn("created", "integer", (c) => c.notNull())
    .addColumn("edited", "integer", (c) => c.notNull())
    .addColumn("deleted", "integer", (c) => c.notNull())
    .addColumn("machine_created", "integer", (c) => c.notNull())
    .addColumn("machine_corrected", "integer", (c) => c.notNull())
    .addColumn("finished", "integer", (c) => c.notNull())
    .addColumn("machine_unchanged", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("box_slot_counts_pk", ["sequence_id", "author", "slot"])
    .execute();
  await db.schema
    .createTable("active_slots")
    .addColumn("project_id", "text", (c) => c.notNull().references("projects.id").onDelete("cascade"))
    .addColumn("author", "text", (c) => c.notNull())
    .addColumn("slot", "timestamptz", (c) => c.notNull())
    .addColumn("active_ms", "bigint", (c) => c.notNull())
    .addPrimaryKeyConstraint("active_slots_pk", ["project_id", "author", "slot"])
    .execute();
  // The pay ledger reads the living, worked boxes of accepted frames: index-only with `work` in the
  // predicate (box_events_now lacks it, so each of 40,000 rows at 100,000 saves went to the heap:
  // 650 ms vs 180 ms for the ledger query on the loaded test machine).
  await sql`create index box_events_credited on box_events (sequence_id, frame_index)
    include (class_name, provenance, author) where latest and work and provenance is not null`.execute(db);
  await recordBoxEvents(db);
  await rebuildWorkTime(db, null);
}

/** Back to UTC days, summed from the slots. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex("box_events_credited").execute();
  const utcDay = (c: string) => sql.raw(`to_char(${c} at time zone 'UTC', 'YYYY-MM-DD')`);
  await db.schema.alterTable("box_events").addColumn("day", "text").execute();
  await sql`update box_events set day = ${utcDay("at")}`.execute(db);
  await sql`alter table box_events alter column day set not null`.execute(db);
  await db.schema.alterTable("box_events").dropColumn("slot").execute();
  await db.schema.alterTable("frame_counts").addColumn("first_day", "text").execute();
  await sql`update frame_counts set first_day = ${utcDay("first_slot")}`.execute(db);
  await db.schema.alterTable("frame_counts").dropColumn("first_slot").execute();
  await sql`create table box_day_counts (sequence_id text not null references sequences(id) on delete cascade,
      author text not null, day text not null, created integer not null, edited integer not null,
      deleted integer not null, machine_created integer not null, machine_corrected integer not null,
      finished integer not null, machine_unchanged integer not null,
      constraint box_day_counts_pk primary key (sequence_id, author, day))`.execute(db);
  await sql`insert into box_day_counts select sequence_id, author, ${utcDay("slot")}, sum(created), sum(edited),
      sum(deleted), sum(machine_created), sum(machine_corrected), sum(finished), sum(machine_unchanged)
    from box_slot_counts group by 1, 2, 3`.execute(db);
  await sql`create table active_days (project_id text not null references projects(id) on delete cascade,
      author text not null, day text not null, active_ms bigint not null,
      constraint active_days_pk primary key (project_id, author, day))`.execute(db);
  await sql`insert into active_days select project_id, author, ${utcDay("slot")}, sum(active_ms)
    from active_slots group by 1, 2, 3`.execute(db);
  await db.schema.dropTable("active_slots").execute();
  await db.schema.dropTable("box_slot_counts").execute();
}
