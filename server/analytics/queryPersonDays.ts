import { sql } from "kysely";
import { MACHINE_PROVENANCES } from "../../core/analytics/machineProvenances";
import {
  dayOf,
  emptyCounts,
  finishPersonDays,
  type PersonDayCounts,
  type PersonDayFigures,
} from "../../core/analytics/PersonDayFigures";
import type { Database } from "../db/openDatabase";
import { type AnalyticsScope, dayRange, utcDay } from "./AnalyticsScope";
import { queryStretches } from "./queryStretches";

const machine = sql.join(MACHINE_PROVENANCES.map((p) => sql.lit(p)));

/**
 * Per person and day (core/analytics/PersonDayFigures), aggregated in SQL: box counts from
 * box_events (the classification of core/analytics/BoxEvent.ts), finished and machine-unchanged
 * boxes from the current objects, active time from the gaps between each person's saves.
 */
export async function queryPersonDays(
  store: Pick<Database, "db">,
  scope: AnalyticsScope,
  idleGapMinutes: number,
): Promise<PersonDayFigures[]> {
  const person = scope.person ? sql` and e.author = ${scope.person}` : sql``;
  const at = sql`e.at`;
  const counts = await sql<{
    person: string;
    day: string;
    created: number;
    edited: number;
    deleted: number;
    machine_created: number;
    machine_corrected: number;
  }>`select e.author as person, ${utcDay(at)} as day,
      count(*) filter (where e.provenance is not null and e.prev_provenance is null and e.provenance not in (${machine}))::int as created,
      count(*) filter (where e.provenance is not null and e.prev_provenance is not null and e.provenance not in (${machine}))::int as edited,
      count(*) filter (where e.provenance is null and e.prev_provenance is not null)::int as deleted,
      count(*) filter (where e.provenance in (${machine}) and e.prev_provenance is null)::int as machine_created,
      count(*) filter (where e.provenance not in (${machine}) and e.prev_provenance in (${machine}))::int as machine_corrected
    from box_events e join sequences s on s.id = e.sequence_id
    where s.project_id = ${scope.projectId}${person}${dayRange(scope, at)}
    group by 1, 2`.execute(store.db);
  const finished = await sql<{ person: string; day: string; finished: number; machine_unchanged: number }>`
    select e.author as person, ${utcDay(at)} as day, count(*)::int as finished,
      count(*) filter (where e.provenance in (${machine}))::int as machine_unchanged
    from objects o
    join sequences s on s.id = o.sequence_id
    join box_events e on e.sequence_id = o.sequence_id and e.cuboid_id = o.object_id and e.revision = o.revision
    where s.project_id = ${scope.projectId} and o.kind = 'cuboid' and o.data is not null${person}${dayRange(scope, at)}
    group by 1, 2`.execute(store.db);
  const active = await sql<{ person: string; day: string; seconds: number }>`
    with saves as (
      select b.author, b.created_at,
        b.created_at - lag(b.created_at) over (partition by b.author order by b.created_at) as gap
      from batches b join sequences s on s.id = b.sequence_id
      where s.project_id = ${scope.projectId} and b.batch_id not like 'import:%'${scope.person ? sql` and b.author = ${scope.person}` : sql``}
    )
    select author as person, ${utcDay(sql`created_at`)} as day,
      coalesce(sum(extract(epoch from gap)) filter (where gap <= ${`${idleGapMinutes} minutes`}::interval), 0)::float8 as seconds
    from saves where true${dayRange(scope, sql`created_at`)}
    group by 1, 2`.execute(store.db);

  const rows = new Map<string, PersonDayCounts>();
  const row = (p: string, day: string) => {
    const key = `${p}\u0000${day}`;
    let r = rows.get(key);
    if (!r) rows.set(key, (r = emptyCounts(p, day)));
    return r;
  };
  for (const c of counts.rows) {
    const r = row(c.person, c.day);
    r.boxesCreated = c.created;
    r.boxesEdited = c.edited;
    r.boxesDeleted = c.deleted;
    r.machineBoxesCreated = c.machine_created;
    r.machineBoxesCorrected = c.machine_corrected;
  }
  for (const f of finished.rows) {
    const r = row(f.person, f.day);
    r.boxFramesFinished = f.finished;
    r.machineBoxesUnchanged = f.machine_unchanged;
  }
  for (const a of active.rows) row(a.person, a.day).activeSeconds = Math.round(a.seconds * 1000) / 1000;
  for (const s of await queryStretches(store, scope, idleGapMinutes)) {
    const r = row(s.person, dayOf(Date.parse(s.start)));
    r.longestStretchSeconds = Math.max(r.longestStretchSeconds, s.seconds);
  }
  return finishPersonDays(rows.values());
}
