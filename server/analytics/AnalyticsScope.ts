import { type RawBuilder, sql } from "kysely";
import { instantsAround, localDay, slotOf } from "../../core/analytics/localDay";

/**
 * Which figures a query covers: one project, optionally one person (user name) and a day range
 * (inclusive), days being calendar days of `timeZone` (an IANA name: the project's, or the
 * request's ?tz=).
 */
export interface AnalyticsScope {
  projectId: string;
  timeZone: string;
  person?: string;
  fromDay?: string;
  toDay?: string;
}

/**
 * `and <col> >= … and <col> < …` for a timestamptz column: a coarse filter that keeps every instant
 * of the scope's local days in any zone (a day and a half too many at most); `inDays` then decides.
 */
export function aroundDays(scope: AnalyticsScope, column: RawBuilder<unknown>): RawBuilder<unknown> {
  const { fromMs, toMs } = instantsAround(scope.fromDay, scope.toDay);
  const from =
    fromMs === undefined ? sql`` : sql` and ${column} >= ${new Date(fromMs).toISOString()}::timestamptz`;
  const to = toMs === undefined ? sql`` : sql` and ${column} < ${new Date(toMs).toISOString()}::timestamptz`;
  return sql`${from}${to}`;
}

/** Whether the local day `day` lies in the scope's day range. */
export const inDays = (scope: AnalyticsScope, day: string): boolean =>
  (!scope.fromDay || day >= scope.fromDay) && (!scope.toDay || day <= scope.toDay);

/**
 * Local days of instants, memoised per quarter-hour slot (a slot lies in one local day): 100,000
 * saves in 10 days ask Intl ~400 times instead of once per rollup row (~20 µs each).
 */
export function dayNamer(timeZone: string): (at: Date | string | number) => string {
  const memo = new Map<number, string>();
  return (at) => {
    const slot = slotOf(typeof at === "number" ? at : new Date(at).getTime());
    let day = memo.get(slot);
    if (day === undefined) memo.set(slot, (day = localDay(slot, timeZone)));
    return day;
  };
}

/** A timestamptz as Unix milliseconds (a float8 the driver passes as a number: ~3× cheaper than parsing a Date per row). */
export const epochMs = (column: RawBuilder<unknown>) =>
  sql<number>`(extract(epoch from ${column}) * 1000)::float8`;
