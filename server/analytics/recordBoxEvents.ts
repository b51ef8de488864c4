import { type Kysely, type RawBuilder, sql } from "kysely";
import { MACHINE_PROVENANCES } from "../../core/analytics/machineProvenances";
import { isPeopleWork } from "./isPeopleWork";

const machine = sql.join(MACHINE_PROVENANCES.map((p) => sql.lit(p)));

/** The quarter-hour slot of a timestamptz (core/analytics/localDay slotOf: bins from the Unix epoch). */
export const slotSql = (column: RawBuilder<unknown>) =>
  sql`date_bin('15 minutes', ${column}, timestamptz '1970-01-01 00:00:00+00')`;

/**
 * The classification of core/analytics/BoxEvent.ts (classifyBoxEvent) as SQL sums over box_events
 * rows `e`, in box_slot_counts' column order: created, edited, deleted, machine_created,
 * machine_corrected, finished, machine_unchanged (the last two: the box's newest event, alive).
 */
const created = sql`count(*) filter (where e.work and e.provenance not in (${machine}) and e.prev_provenance is null)::int`;
const edited = sql`count(*) filter (where e.work and e.provenance not in (${machine}) and e.prev_provenance is not null)::int`;
const machineCreated = sql`count(*) filter (where e.work and e.provenance in (${machine}) and e.prev_provenance is null)::int`;
const machineCorrected = sql`count(*) filter (where e.work and e.provenance not in (${machine}) and e.prev_provenance in (${machine}))::int`;
const countColumns = sql`${created}, ${edited},
  count(*) filter (where e.provenance is null and e.prev_provenance is not null)::int,
  ${machineCreated}, ${machineCorrected},
  count(*) filter (where e.latest and e.provenance is not null)::int,
  count(*) filter (where e.latest and e.provenance in (${machine}))::int`;

const addToFrames = (rows: RawBuilder<unknown>) => sql`insert into frame_counts
    (sequence_id, frame_index, boxes_now, first_slot, first_by_work, created, edited, machine_created, machine_corrected)
  ${rows}
  on conflict (sequence_id, frame_index) do update set
    boxes_now = frame_counts.boxes_now + excluded.boxes_now,
    first_by_work = case when frame_counts.first_slot is null then excluded.first_by_work else frame_counts.first_by_work end,
    first_slot = coalesce(frame_counts.first_slot, excluded.first_slot),
    created = frame_counts.created + excluded.created,
    edited = frame_counts.edited + excluded.edited,
    machine_created = frame_counts.machine_created + excluded.machine_created,
    machine_corrected = frame_counts.machine_corrected + excluded.machine_corrected`;

const addToCounts = (rows: RawBuilder<unknown>) => sql`insert into box_slot_counts
    (sequence_id, author, slot, created, edited, deleted, machine_created, machine_corrected, finished, machine_unchanged)
  ${rows}
  on conflict (sequence_id, author, slot) do update set
    created = box_slot_counts.created + excluded.created,
    edited = box_slot_counts.edited + excluded.edited,
    deleted = box_slot_counts.deleted + excluded.deleted,
    machine_created = box_slot_counts.machine_created + excluded.machine_created,
    machine_corrected = box_slot_counts.machine_corrected + excluded.machine_corrected,
    finished = box_slot_counts.finished + excluded.finished,
    machine_unchanged = box_slot_counts.machine_unchanged + excluded.machine_unchanged`;

/**
 * Derives box events (core/analytics/BoxEvent) from the cuboid versions a batch wrote, with the
 * author, time and quarter-hour slot of the batch and the provenance of the version before, and
 * keeps the per-person-slot rollup box_slot_counts in step (the analytics API reads sums of a few
 * thousand rollup rows instead of scanning every event, and groups the slots into the asked time
 * zone's days). Used by applyBatch and the import for their
 * revision, and by migration 0010 for the whole existing log (`only` omitted). Boxes an import
 * or a model's pre-label run wrote get events with work = false (isPeopleWork): they count for
 * progress, not for people.
 */
export async function recordBoxEvents(
  db: Kysely<unknown>,
  only?: { sequenceId: string; revision: number },
): Promise<void> {
  const insertEvents = sql`insert into box_events
      (sequence_id, revision, cuboid_id, author, at, slot, frame_index, class_name, provenance, prev_provenance, latest, work)
    select ov.sequence_id, ov.revision, ov.object_id, b.author, b.created_at,
      ${slotSql(sql`b.created_at`)},
      coalesce((ov.data->>'frameIndex')::int, (prev.data->>'frameIndex')::int, -1),
      coalesce(ov.data->>'className', prev.data->>'className', ''),
      ov.data->>'provenance', prev.data->>'provenance',
      not exists (select 1 from object_versions n where n.sequence_id = ov.sequence_id
        and n.kind = 'cuboid' and n.object_id = ov.object_id and n.revision > ov.revision),
      ${isPeopleWork(sql`b.batch_id`)}
    from object_versions ov
    join batches b on b.sequence_id = ov.sequence_id and b.revision = ov.revision
    left join lateral (
      select p.data from object_versions p
      where p.sequence_id = ov.sequence_id and p.kind = 'cuboid' and p.object_id = ov.object_id
        and p.revision < ov.revision
      order by p.revision desc limit 1
    ) prev on true
    where ov.kind = 'cuboid' and not (ov.data is null and prev.data is null)`;
  const countsOf = (events: RawBuilder<unknown>) =>
    addToCounts(sql`select e.sequence_id, e.author, e.slot, ${countColumns}
    from ${events} e where e.work
    group by 1, 2, 3`);
  // Per frame: boxes now (this batch's events are the newest), the first labeling slot and whether
  // a person's or the machine's work made it (not an import), and the box work on it.
  const framesOf = (events: RawBuilder<unknown>) =>
    addToFrames(sql`select e.sequence_id, e.frame_index,
      count(*) filter (where e.latest and e.provenance is not null)::int,
      min(e.slot) filter (where e.provenance is not null),
      (array_agg(e.work order by e.revision) filter (where e.provenance is not null))[1],
      ${created}, ${edited}, ${machineCreated}, ${machineCorrected}
    from ${events} e
    group by 1, 2`);
  if (only)
    await sql`with src as (
        select ov.sequence_id, ov.revision, ov.object_id as cuboid_id, b.author, b.created_at as at,
          ov.data, prev.data as prev_data, b.batch_id
        from object_versions ov
        join batches b on b.sequence_id = ov.sequence_id and b.revision = ov.revision
        left join lateral (
          select p.data from object_versions p
          where p.sequence_id = ov.sequence_id and p.kind = 'cuboid' and p.object_id = ov.object_id
            and p.revision < ov.revision
          order by p.revision desc limit 1
        ) prev on true
        where ov.kind = 'cuboid' and ov.sequence_id = ${only.sequenceId} and ov.revision = ${only.revision}
      ), ${boxEventsOfBatch(sql`src`)}`.execute(db);
  else {
    await insertEvents.execute(db);
    await countsOf(sql`box_events`).execute(db);
    await framesOf(sql`box_events`).execute(db);
  }
}

/**
 * The tail of one statement that records one batch's box events (see recordBoxEvents): CTEs named
 * old, ev and counts, then the frames' insert, from `src`, a CTE of the batch's cuboid versions
 * (sequence_id, revision, cuboid_id, author, at, data, prev_data, batch_id; prev_data: the box's
 * version before, null if none). applyBatch appends it to its writes, so a save under the sequence's
 * lock costs one round trip less; the import reads its versions back. The boxes' previous newest
 * events stop being newest (out of finished / unchanged and the frames' boxes), the new events go
 * in, and each rollup row gets the sum of both, written once. The update and the insert touch
 * different rows; the rollups read both from RETURNING.
 */
export function boxEventsOfBatch(src: RawBuilder<unknown>): RawBuilder<unknown> {
  return sql`old as (
        update box_events e set latest = false
        from ${src} s
        where e.sequence_id = s.sequence_id and e.cuboid_id = s.cuboid_id and e.latest
        returning e.sequence_id, e.author, e.slot, e.provenance, e.work, e.frame_index
      ), ev as (
        insert into box_events
          (sequence_id, revision, cuboid_id, author, at, slot, frame_index, class_name, provenance, prev_provenance, latest, work)
        select s.sequence_id, s.revision, s.cuboid_id, s.author, s.at, ${slotSql(sql`s.at`)},
          coalesce((s.data->>'frameIndex')::int, (s.prev_data->>'frameIndex')::int, -1),
          coalesce(s.data->>'className', s.prev_data->>'className', ''),
          s.data->>'provenance', s.prev_data->>'provenance', true, ${isPeopleWork(sql`s.batch_id`)}
        from ${src} s
        where not (s.data is null and s.prev_data is null)
        returning *
      ), counts as (
        ${addToCounts(sql`select sequence_id, author, slot, sum(c1), sum(c2), sum(c3), sum(c4), sum(c5),
            sum(c6), sum(c7)
          from (
            select sequence_id, author, slot, 0 as c1, 0 as c2, 0 as c3, 0 as c4, 0 as c5,
              -count(*) filter (where provenance is not null)::int as c6,
              -count(*) filter (where provenance in (${machine}))::int as c7
            from old where work group by 1, 2, 3
            union all
            select e.sequence_id, e.author, e.slot, ${countColumns} from ev e where e.work group by 1, 2, 3
          ) d group by 1, 2, 3`)}
        returning 1
      )
      ${addToFrames(sql`select sequence_id, frame_index, sum(boxes), min(first_slot), bool_or(first_by_work),
          sum(c1), sum(c2), sum(c3), sum(c4)
        from (
          select sequence_id, frame_index, -count(*) filter (where provenance is not null)::int as boxes,
            null::timestamptz as first_slot, null::boolean as first_by_work, 0 as c1, 0 as c2, 0 as c3, 0 as c4
          from old group by 1, 2
          union all
          select e.sequence_id, e.frame_index,
            count(*) filter (where e.latest and e.provenance is not null)::int,
            min(e.slot) filter (where e.provenance is not null),
            (array_agg(e.work order by e.revision) filter (where e.provenance is not null))[1],
            ${created}, ${edited}, ${machineCreated}, ${machineCorrected}
          from ev e group by 1, 2
        ) d group by 1, 2`)}`;
}
