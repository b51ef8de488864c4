import { sql } from "kysely";
import type { Database } from "../db/openDatabase";
import { type AnalyticsScope, dayRange } from "./AnalyticsScope";

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
    with saves as (
      select b.author, b.created_at,
        case when b.created_at - lag(b.created_at) over (partition by b.author order by b.created_at)
          <= ${`${idleGapMinutes} minutes`}::interval then 0 else 1 end as starts
      from batches b join sequences s on s.id = b.sequence_id
      where s.project_id = ${scope.projectId} and b.batch_id not like 'import:%'${scope.person ? sql` and b.author = ${scope.person}` : sql``}
    ), numbered as (
      select author, created_at, sum(starts) over (partition by author order by created_at) as island from saves
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
