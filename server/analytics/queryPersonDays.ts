import { sql } from "kysely";
import {
  emptyCounts,
  finishPersonDays,
  type PersonDayCounts,
  type PersonDayFigures,
} from "../../core/analytics/PersonDayFigures";
import type { Database } from "../db/openDatabase";
import { type AnalyticsScope, aroundDays, dayNamer, epochMs, inDays } from "./AnalyticsScope";
import { queryStretches } from "./queryStretches";

/**
 * Per person and day of the scope's time zone (core/analytics/PersonDayFigures): box counts from
 * the rollup box_slot_counts (kept by recordBoxEvents), active time from active_slots and stretches
 * from work_stretches (recordWorkTime). The quarter-hour slots that hold work are named by their
 * local day here (core/analytics/localDay, one Intl call per slot) and SQL sums the rollups per
 * person and day through that map: ~200 rows back instead of 7,400 per-slot rows at 100,000 saves
 * (the transfer was most of the ~550 ms this endpoint took).
 */
export async function queryPersonDays(
  store: Pick<Database, "db">,
  scope: AnalyticsScope,
): Promise<PersonDayFigures[]> {
  const person = (column: string) => (scope.person ? sql` and ${sql.ref(column)} = ${scope.person}` : sql``);
  const slots = await sql<{ slot_ms: number }>`
    select ${epochMs(sql`slot`)} as slot_ms from (
      select c.slot from box_slot_counts c join sequences s on s.id = c.sequence_id
      where s.project_id = ${scope.projectId}${person("c.author")}${aroundDays(scope, sql`c.slot`)}
      union
      select a.slot from active_slots a
      where a.project_id = ${scope.projectId}${person("a.author")}${aroundDays(scope, sql`a.slot`)}
    ) x`.execute(store.db);
  const dayOf = dayNamer(scope.timeZone);
  const dayOfSlot = slots.rows
    .map((r) => ({ slot: new Date(r.slot_ms).toISOString(), day: dayOf(r.slot_ms) }))
    .filter((m) => inDays(scope, m.day));
  const map = sql`jsonb_to_recordset(${JSON.stringify(dayOfSlot)}::jsonb) as m(slot timestamptz, day text)`;
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
  }>`select c.author as person, m.day, sum(c.created)::int as created, sum(c.edited)::int as edited,
      sum(c.deleted)::int as deleted, sum(c.machine_created)::int as machine_created,
      sum(c.machine_corrected)::int as machine_corrected, sum(c.finished)::int as finished,
      sum(c.machine_unchanged)::int as machine_unchanged
    from box_slot_counts c join sequences s on s.id = c.sequence_id join ${map} on m.slot = c.slot
    where s.project_id = ${scope.projectId}${person("c.author")}
    group by c.author, m.day`.execute(store.db);
  // Milliseconds summed as integers in SQL, then seconds: exact however many slots a day has.
  const active = await sql<{ person: string; day: string; ms: string | number }>`
    select a.author as person, m.day, sum(a.active_ms)::bigint as ms
    from active_slots a join ${map} on m.slot = a.slot
    where a.project_id = ${scope.projectId}${person("a.author")}
    group by a.author, m.day`.execute(store.db);

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
    const r = row(s.person, dayOf(s.start));
    r.longestStretchSeconds = Math.max(r.longestStretchSeconds, s.seconds);
  }
  return finishPersonDays(rows.values());
}
