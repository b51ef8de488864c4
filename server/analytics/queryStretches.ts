import { sql } from "kysely";
import type { Database } from "../db/openDatabase";
import { type AnalyticsScope, dayRange } from "./AnalyticsScope";
import { projectSaves } from "./projectSaves";

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
 * Each person's continuous stretches in the project, longest first: saves split where the gap
 * exceeds the idle limit (gaps and islands). Stretches are kept when they begin in the day range.
 */
export async function queryStretches(
  store: Pick<Database, "db">,
  scope: AnalyticsScope,
  idleGapMinutes: number,
): Promise<StretchRow[]> {
  const result = await sql<{ person: string; start_at: Date; end_at: Date; saves: number }>`
    with saves as (${projectSaves(scope)}), numbered as (
      select author, created_at,
        sum(case when gap <= ${`${idleGapMinutes} minutes`}::interval then 0 else 1 end)
          over (partition by author order by created_at) as island
      from saves
    ), islands as (
      select author as person, min(created_at) as start_at, max(created_at) as end_at, count(*)::int as saves
      from numbered group by author, island
    )
    select * from islands where true${dayRange(scope, sql`start_at`)}
    order by end_at - start_at desc, person, start_at`.execute(store.db);
  return result.rows.map((r) => ({
    person: r.person,
    start: new Date(r.start_at).toISOString(),
    end: new Date(r.end_at).toISOString(),
    seconds: (new Date(r.end_at).getTime() - new Date(r.start_at).getTime()) / 1000,
    saves: r.saves,
  }));
}
