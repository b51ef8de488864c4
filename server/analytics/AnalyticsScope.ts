import { type RawBuilder, sql } from "kysely";

/** Which figures a query covers: one project, optionally one person (user name) and a day range (UTC, inclusive). */
export interface AnalyticsScope {
  projectId: string;
  person?: string;
  fromDay?: string;
  toDay?: string;
}

/** `and <col> >= from and <col> < to + 1 day` for a timestamptz column, or nothing. */
export function dayRange(scope: AnalyticsScope, column: RawBuilder<unknown>): RawBuilder<unknown> {
  const from = scope.fromDay ? sql` and ${column} >= ${`${scope.fromDay}T00:00:00Z`}::timestamptz` : sql``;
  const to = scope.toDay
    ? sql` and ${column} < ${`${scope.toDay}T00:00:00Z`}::timestamptz + interval '1 day'`
    : sql``;
  return sql`${from}${to}`;
}

/** The UTC day of a timestamptz column as YYYY-MM-DD. */
export const utcDay = (column: RawBuilder<unknown>) =>
  sql<string>`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD')`;
