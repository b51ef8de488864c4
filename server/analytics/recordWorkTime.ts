import { type Kysely, type RawBuilder, sql } from "kysely";
import { DEFAULT_ANALYTICS_SETTINGS } from "../../core/analytics/AnalyticsSettings";
import { isPeopleWork } from "./isPeopleWork";
import { slotSql } from "./recordBoxEvents";

const gapMinutes = sql`coalesce((st.settings->>'idleGapMinutes')::int, ${DEFAULT_ANALYTICS_SETTINGS.idleGapMinutes})`;

/**
 * One save as workTimeOfSave reads it: a logged batch (none when it is not people's work, or when the
 * batch `batchId` is not the one logged at `revision`: its transaction did not commit).
 */
const loggedSave = (
  sequenceId: string,
  revision: number,
  batchId: string,
) => sql`select s.project_id, b.author,
      b.created_at as at, ${gapMinutes} as gap_minutes
    from batches b join sequences s on s.id = b.sequence_id
    left join analytics_settings st on st.project_id = s.project_id
    where b.sequence_id = ${sequenceId} and b.revision = ${revision} and b.batch_id = ${batchId}
      and ${isPeopleWork(sql`b.batch_id`)}`;

/**
 * One save as workTimeOfSave reads it, from the batch's own values rather than its logged row: a
 * statement that writes the log row cannot read it back (its CTEs share one snapshot).
 */
export const saveBeingWritten = (save: {
  sequenceId: string;
  author: string;
  atIso: string;
  batchId: string;
}) => sql`select s.project_id, ${save.author}::text as author, ${save.atIso}::timestamptz as at,
      ${gapMinutes} as gap_minutes
    from sequences s left join analytics_settings st on st.project_id = s.project_id
    where s.id = ${save.sequenceId} and ${isPeopleWork(sql`${save.batchId}::text`)}`;

/**
 * Keeps work_stretches and active_slots (core/analytics/workStretches at the project's idle gap)
 * in step with one accepted batch: the author's newest stretch in the project is extended when the
 * batch comes within the idle gap of it (the gap counts as active time in the batch's quarter-hour
 * slot, read as a day of the asked zone),
 * else a new stretch begins. Imports are not work. The analytics endpoints then read a few
 * thousand rows instead of walking every save with a window function (~0.4 s at 100,000 batches).
 * On PostgreSQL, one statement after the batch's commit (see applyBatch); PGlite's saves append
 * workTimeOfSave to their writes instead.
 */
export function workTimeAfterSave(
  sequenceId: string,
  revision: number,
  batchId: string,
): RawBuilder<unknown> {
  return sql`with ${workTimeOfSave(loggedSave(sequenceId, revision, batchId))} select 1`;
}

/**
 * CTEs (save, last, step, extended, started, slots) that record one save's work time, from `save`:
 * a select of at most one row (project_id, author, at, gap_minutes). Data-modifying CTEs run whether
 * or not the statement reads them, so they can join any statement's WITH list. Saves carry
 * millisecond times (applyBatch's ISO string), so the gaps in ms are exact. The author's newest
 * stretch is locked (FOR UPDATE): a concurrent save of the same author (another sequence, another
 * tab) waits for this statement and then reads the stretch as it left it, so no gap is counted twice.
 */
export function workTimeOfSave(save: RawBuilder<unknown>): RawBuilder<unknown> {
  return sql`save as (${save}
    ), last as (
      select w.start_at, w.end_at from work_stretches w, save
      where w.project_id = save.project_id and w.author = save.author
      order by w.end_at desc limit 1
      for update of w
    ), step as (
      select save.*, last.start_at, last.end_at,
        coalesce(save.at - last.end_at <= make_interval(mins => save.gap_minutes), false) as within
      from save left join last on true
    ), extended as (
      update work_stretches w set end_at = greatest(w.end_at, step.at), saves = w.saves + 1
      from step
      where step.within and w.project_id = step.project_id and w.author = step.author and w.start_at = step.start_at
      returning 1
    ), started as (
      insert into work_stretches (project_id, author, start_at, end_at, saves)
      select project_id, author, at, at, 1 from step where not within
      on conflict (project_id, author, start_at) do update set saves = work_stretches.saves + 1
      returning 1
    ), slots as (
      insert into active_slots (project_id, author, slot, active_ms)
      select project_id, author, ${slotSql(sql`at`)},
        case when within then greatest(0, round(extract(epoch from at - end_at) * 1000))::bigint else 0 end
      from step
      on conflict (project_id, author, slot) do update set active_ms = active_slots.active_ms + excluded.active_ms
      returning 1
    )`;
}

/**
 * Recomputes work_stretches and active_slots of one project (all when null) from the saves, at
 * the project's idle gap: after the lead changes it, and when migration 0010 backfills the log.
 */
export async function rebuildWorkTime(db: Kysely<unknown>, projectId: string | null): Promise<void> {
  const only = projectId === null ? sql`` : sql`and s.project_id = ${projectId}`;
  await sql`delete from work_stretches where ${projectId === null ? sql`true` : sql`project_id = ${projectId}`}`.execute(
    db,
  );
  await sql`delete from active_slots where ${projectId === null ? sql`true` : sql`project_id = ${projectId}`}`.execute(
    db,
  );
  await sql`with saves as (
      select s.project_id, b.author, b.created_at,
        b.created_at - lag(b.created_at) over (partition by s.project_id, b.author order by b.created_at) as gap,
        coalesce((st.settings->>'idleGapMinutes')::int, ${DEFAULT_ANALYTICS_SETTINGS.idleGapMinutes}) as gap_minutes
      from batches b join sequences s on s.id = b.sequence_id
      left join analytics_settings st on st.project_id = s.project_id
      where ${isPeopleWork(sql`b.batch_id`)} ${only}
    ), marked as (
      select project_id, author, created_at, gap, gap <= make_interval(mins => gap_minutes) as within from saves
    ), numbered as (
      select *, sum(case when within then 0 else 1 end) over (partition by project_id, author order by created_at) as island
      from marked
    ), stretches as (
      insert into work_stretches (project_id, author, start_at, end_at, saves)
      select project_id, author, min(created_at), max(created_at), count(*)::int from numbered
      group by project_id, author, island
      returning 1
    )
    insert into active_slots (project_id, author, slot, active_ms)
    select project_id, author, ${slotSql(sql`created_at`)},
      coalesce(sum(round(extract(epoch from gap) * 1000)) filter (where within), 0)::bigint
    from numbered group by 1, 2, 3`.execute(db);
}
