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
 * from work_stretches (recordWorkTime), summed per person and quarter-hour in SQL and grouped into
 * local days here: a few thousand rollup rows, however long the log.
 */
export async function queryPersonDays(
  store: Pick<Database, "db">,
  scope: AnalyticsScope,
): Promise<PersonDayFigures[]> {
  const counts = await sql<{
    person: string;
    slot_ms: number;
    created: number;
    edited: number;
    deleted: number;
    machine_created: number;
    machine_corrected: number;
    finished: number;
    machine_unchanged: number;
  }>`select c.author as person, ${epochMs(sql`c.slot`)} as slot_ms, sum(c.created)::int as created, sum(c.edited)::int as edited,
      sum(c.deleted)::int as deleted, sum(c.machine_created)::int as machine_created,
      sum(c.machine_corrected)::int as machine_corrected, sum(c.finished)::int as finished,
      sum(c.machine_unchanged)::int as machine_unchanged
    from box_slot_counts c join sequences s on s.id = c.sequence_id
    where s.project_id = ${scope.projectId}
      ${scope.person ? sql`and c.author = ${scope.person}` : sql``}${aroundDays(scope, sql`c.slot`)}
    group by c.author, c.slot`.execute(store.db);
  const active = await sql<{ person: string; slot_ms: number; ms: string | number }>`
    select author as person, ${epochMs(sql`slot`)} as slot_ms, active_ms as ms from active_slots
    where project_id = ${scope.projectId}
      ${scope.person ? sql`and author = ${scope.person}` : sql``}${aroundDays(scope, sql`slot`)}`.execute(
    store.db,
  );

  const dayOf = dayNamer(scope.timeZone);
  const rows = new Map<string, PersonDayCounts>();
  const row = (p: string, day: string) => {
    const key = `${p}\u0000${day}`;
    let r = rows.get(key);
    if (!r) rows.set(key, (r = emptyCounts(p, day)));
    return r;
  };
  for (const c of counts.rows) {
    const day = dayOf(c.slot_ms);
    if (!inDays(scope, day)) continue;
    const r = row(c.person, day);
    r.boxesCreated += c.created;
    r.boxesEdited += c.edited;
    r.boxesDeleted += c.deleted;
    r.machineBoxesCreated += c.machine_created;
    r.machineBoxesCorrected += c.machine_corrected;
    r.boxFramesFinished += c.finished;
    r.machineBoxesUnchanged += c.machine_unchanged;
  }
  // Milliseconds summed as integers, then seconds: no float drift however many slots a day has.
  const activeMs = new Map<string, number>();
  for (const a of active.rows) {
    const day = dayOf(a.slot_ms);
    if (!inDays(scope, day)) continue;
    const key = `${a.person}\u0000${day}`;
    row(a.person, day);
    activeMs.set(key, (activeMs.get(key) ?? 0) + Number(a.ms));
  }
  for (const [key, ms] of activeMs) rows.get(key)!.activeSeconds = ms / 1000;
  for (const s of await queryStretches(store, scope)) {
    const r = row(s.person, dayOf(s.start));
    r.longestStretchSeconds = Math.max(r.longestStretchSeconds, s.seconds);
  }
  return finishPersonDays(rows.values());
}
