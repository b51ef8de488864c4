import { sql } from "kysely";
import { type Forecast, forecastFinish } from "../../core/analytics/forecastFinish";
import { addDays } from "../../core/analytics/localDay";
import type { Database } from "../db/openDatabase";
import { dayNamer, epochMs } from "./AnalyticsScope";
import { stageOf } from "./taskStateGroups";

export interface StageCount {
  frames: number;
  boxes: number;
}

export interface ProjectProgress {
  totalFrames: number;
  /** Frames with at least one box, and the boxes that exist now. */
  labeled: StageCount;
  /** In tasks that are submitted, in review or accepted (a frame outside every task counts in none). */
  submitted: StageCount;
  inReview: StageCount;
  accepted: StageCount;
  /** Frames labeled (first box made) per day of the time zone, oldest first; frames an import labeled are left out. */
  framesLabeledPerDay: Array<{ day: string; frames: number }>;
  forecast: Forecast & { windowDays: number; asOf: string };
  /** The IANA zone the days are in. */
  timeZone: string;
}

const WINDOW_DAYS = 7;

/**
 * Frames and boxes by stage, and the labeling finish date extrapolated from the 7 days before
 * `asOfDay` (days of `timeZone`, as every per-day figure).
 */
export async function queryProgress(
  store: Pick<Database, "db">,
  projectId: string,
  asOfDay: string,
  timeZone: string,
): Promise<ProjectProgress> {
  const totals = (
    await sql<{ frames: number; labeled_frames: number; boxes: number }>`select
      (select count(*)::int from frames f join sequences s on s.id = f.sequence_id where s.project_id = ${projectId}) as frames,
      (select count(*)::int from frame_counts f where f.boxes_now > 0
        and f.sequence_id in (select id from sequences where project_id = ${projectId})) as labeled_frames,
      (select coalesce(sum(f.boxes_now), 0)::int from frame_counts f
        where f.sequence_id in (select id from sequences where project_id = ${projectId})) as boxes`.execute(
      store.db,
    )
  ).rows[0];
  if (!totals) throw new Error("the project totals query returned no row");
  const tasks = await sql<{ state: string; frames: number; boxes: number }>`
    with t as (
      select t.id, t.state, t.sequence_id, coalesce(t.frame_start, 0) as fs,
        coalesce(t.frame_end, (select count(*) - 1 from frames f where f.sequence_id = t.sequence_id)) as fe
      from tasks t where t.project_id = ${projectId}
    )
    select t.state, (t.fe - t.fs + 1)::int as frames,
      (select coalesce(sum(f.boxes_now), 0)::int from frame_counts f
        where f.sequence_id = t.sequence_id and f.frame_index between t.fs and t.fe) as boxes
    from t`.execute(store.db);
  const stage = {
    submitted: { frames: 0, boxes: 0 },
    inReview: { frames: 0, boxes: 0 },
    accepted: { frames: 0, boxes: 0 },
  };
  for (const t of tasks.rows) {
    const s = stageOf(t.state);
    if (s === "other") continue;
    stage[s].frames += t.frames;
    stage[s].boxes += t.boxes;
  }
  const perSlot = await sql<{ slot_ms: number; frames: number }>`
    select ${epochMs(sql`f.first_slot`)} as slot_ms, count(*)::int as frames from frame_counts f
    where f.first_by_work and f.sequence_id in (select id from sequences where project_id = ${projectId})
    group by f.first_slot`.execute(store.db);
  const dayOf = dayNamer(timeZone);
  const byDay = new Map<string, number>();
  for (const r of perSlot.rows) byDay.set(dayOf(r.slot_ms), (byDay.get(dayOf(r.slot_ms)) ?? 0) + r.frames);
  const framesLabeledPerDay = [...byDay]
    .map(([day, frames]) => ({ day, frames }))
    .sort((a, b) => (a.day < b.day ? -1 : 1));
  const windowStart = addDays(asOfDay, -WINDOW_DAYS);
  const doneInWindow = framesLabeledPerDay
    .filter((r) => r.day >= windowStart && r.day < asOfDay)
    .reduce((s, r) => s + r.frames, 0);
  return {
    totalFrames: totals.frames,
    labeled: { frames: totals.labeled_frames, boxes: totals.boxes },
    ...stage,
    framesLabeledPerDay,
    forecast: {
      ...forecastFinish({
        remainingFrames: totals.frames - totals.labeled_frames,
        doneInWindow,
        windowDays: WINDOW_DAYS,
        asOfDay,
      }),
      windowDays: WINDOW_DAYS,
      asOf: asOfDay,
    },
    timeZone,
  };
}
