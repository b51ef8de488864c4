import { sql } from "kysely";
import { type Forecast, forecastFinish } from "../../core/analytics/forecastFinish";
import type { Database } from "../db/openDatabase";
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
  /** Frames labeled (first box made) per UTC day, oldest first. */
  framesLabeledPerDay: Array<{ day: string; frames: number }>;
  forecast: Forecast & { windowDays: number; asOf: string };
}

const WINDOW_DAYS = 7;

/** Frames and boxes by stage, and the labeling finish date extrapolated from the last 7 days before `asOfMs`. */
export async function queryProgress(
  store: Pick<Database, "db">,
  projectId: string,
  asOfMs: number,
): Promise<ProjectProgress> {
  const totals = (
    await sql<{ frames: number; labeled_frames: number; boxes: number }>`select
      (select count(*)::int from frames f join sequences s on s.id = f.sequence_id where s.project_id = ${projectId}) as frames,
      (select count(distinct (o.sequence_id, o.data->>'frameIndex'))::int from objects o join sequences s on s.id = o.sequence_id
        where s.project_id = ${projectId} and o.kind = 'cuboid' and o.data is not null) as labeled_frames,
      (select count(*)::int from objects o join sequences s on s.id = o.sequence_id
        where s.project_id = ${projectId} and o.kind = 'cuboid' and o.data is not null) as boxes`.execute(
      store.db,
    )
  ).rows[0]!;
  const tasks = await sql<{ state: string; frames: number; boxes: number }>`
    with t as (
      select t.id, t.state, t.sequence_id, coalesce(t.frame_start, 0) as fs,
        coalesce(t.frame_end, (select count(*) - 1 from frames f where f.sequence_id = t.sequence_id)) as fe
      from tasks t where t.project_id = ${projectId}
    )
    select t.state, (t.fe - t.fs + 1)::int as frames, count(o.object_id)::int as boxes
    from t left join objects o on o.sequence_id = t.sequence_id and o.kind = 'cuboid' and o.data is not null
      and (o.data->>'frameIndex')::int between t.fs and t.fe
    group by t.id, t.state, t.fs, t.fe`.execute(store.db);
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
  const perDay = await sql<{ day: string; frames: number }>`
    select to_char(first_at at time zone 'UTC', 'YYYY-MM-DD') as day, count(*)::int as frames from (
      select e.sequence_id, e.frame_index, min(e.at) as first_at
      from box_events e join sequences s on s.id = e.sequence_id
      where s.project_id = ${projectId} and e.provenance is not null
      group by 1, 2
    ) firsts group by 1 order by 1`.execute(store.db);
  const windowStart = new Date(asOfMs - WINDOW_DAYS * 86_400_000).toISOString().slice(0, 10);
  const asOf = new Date(asOfMs).toISOString().slice(0, 10);
  const doneInWindow = perDay.rows
    .filter((r) => r.day >= windowStart && r.day < asOf)
    .reduce((s, r) => s + r.frames, 0);
  return {
    totalFrames: totals.frames,
    labeled: { frames: totals.labeled_frames, boxes: totals.boxes },
    ...stage,
    framesLabeledPerDay: perDay.rows,
    forecast: {
      ...forecastFinish({
        remainingFrames: totals.frames - totals.labeled_frames,
        doneInWindow,
        windowDays: WINDOW_DAYS,
        nowMs: asOfMs,
      }),
      windowDays: WINDOW_DAYS,
      asOf,
    },
  };
}
