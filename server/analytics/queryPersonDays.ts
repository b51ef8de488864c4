import { sql } from "kysely";
import {
  dayOf,
  emptyCounts,
  finishPersonDays,
  type PersonDayCounts,
  type PersonDayFigures,
} from "../../core/analytics/PersonDayFigures";
import type { Database } from "../db/openDatabase";
import type { AnalyticsScope } from "./AnalyticsScope";
import { queryStretches } from "./queryStretches";

/**
 * Per person and day (core/analytics/PersonDayFigures): box counts from the rollup box_day_counts
 * (kept by recordBoxEvents), active time from active_days and stretches from work_stretches
 * (recordWorkTime): a few thousand rollup rows, however long the log.
 */
export async function queryPersonDays(
  store: Pick<Database, "db">,
  scope: AnalyticsScope,
): Promise<PersonDayFigures[]> {
  const counts = await sql<{
    person: string;
    day: string;
    created: number;
    edited: number;
    deleted: number;
    machine_created: number;
    machine_corrected: number;
    finished: number;
    machine_unchanged: number;
  }>`select c.author as person, c.day, sum(c.created)::int as created, sum(c.edited)::int as edited,
      sum(c.deleted)::int as deleted, sum(c.machine_created)::int as machine_created,
      sum(c.machine_corrected)::int as machine_corrected, sum(c.finished)::int as finished,
      sum(c.machine_unchanged)::int as machine_unchanged
    from box_day_counts c join sequences s on s.id = c.sequence_id
    where s.project_id = ${scope.projectId}
      ${scope.person ? sql`and c.author = ${scope.person}` : sql``}
      ${scope.fromDay ? sql`and c.day >= ${scope.fromDay}` : sql``}
      ${scope.toDay ? sql`and c.day <= ${scope.toDay}` : sql``}
    group by 1, 2`.execute(store.db);
  const active = await sql<{ person: string; day: string; ms: string | number }>`
    select author as person, day, active_ms as ms from active_days
    where project_id = ${scope.projectId}
      ${scope.person ? sql`and author = ${scope.person}` : sql``}
      ${scope.fromDay ? sql`and day >= ${scope.fromDay}` : sql``}
      ${scope.toDay ? sql`and day <= ${scope.toDay}` : sql``}`.execute(store.db);

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
    r.boxFramesFinished = c.finished;
    r.machineBoxesUnchanged = c.machine_unchanged;
  }
  for (const a of active.rows) row(a.person, a.day).activeSeconds = Number(a.ms) / 1000;
  for (const s of await queryStretches(store, scope)) {
    const r = row(s.person, dayOf(Date.parse(s.start)));
    r.longestStretchSeconds = Math.max(r.longestStretchSeconds, s.seconds);
  }
  return finishPersonDays(rows.values());
}
