import { sql } from "kysely";
import type { Database } from "../db/openDatabase";
import { type AnalyticsScope, aroundDays, dayNamer, inDays } from "./AnalyticsScope";

/** A continuous stretch of work (core/analytics/workStretches.ts, computed here in SQL). */
export interface StretchRow {
  person: string;
  /** ISO 8601. */
  start: string;
  end: string;
  seconds: number;
  saves: number;
}

/**
 * Each person's continuous stretches in the project (work_stretches, kept at the project's idle
 * gap by recordWorkTime), longest first; those that begin in the day range (days of the scope's zone).
 */
export async function queryStretches(
  store: Pick<Database, "db">,
  scope: AnalyticsScope,
): Promise<StretchRow[]> {
  const result = await sql<{ person: string; start_at: Date; end_at: Date; saves: number }>`
    select author as person, start_at, end_at, saves from work_stretches
    where project_id = ${scope.projectId}${scope.person ? sql` and author = ${scope.person}` : sql``}${aroundDays(scope, sql`start_at`)}
    order by end_at - start_at desc, author, start_at`.execute(store.db);
  const dayOf = dayNamer(scope.timeZone);
  return result.rows
    .filter((r) => inDays(scope, dayOf(r.start_at)))
    .map((r) => ({
      person: r.person,
      start: new Date(r.start_at).toISOString(),
      end: new Date(r.end_at).toISOString(),
      seconds: (new Date(r.end_at).getTime() - new Date(r.start_at).getTime()) / 1000,
      saves: r.saves,
    }));
}
