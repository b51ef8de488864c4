import type { Cuboid } from "../../core/model/Cuboid";
import { type AcceptanceEvaluation, evaluateAcceptance } from "../../core/review/evaluateAcceptance";
import { sampleFrames } from "../../core/review/sampleFrames";
import type { TaskRow } from "../accounts/tasks";
import type { Database } from "../db/openDatabase";
import { taskFrameRange } from "./taskContext";
import { listVerdicts } from "./verdicts";

type Db = Database["db"];

/** The task's current boxes on its sampled frames, each with the revision it last changed at. */
export async function sampledBoxes(
  db: Db,
  task: TaskRow,
): Promise<{ frames: number[]; boxes: Array<{ cuboid: Cuboid; revision: number }> }> {
  const range = await taskFrameRange(db, task);
  const frames = sampleFrames(range.start, range.end, task.sample_percent);
  const set = new Set(frames);
  const rows = await db
    .selectFrom("objects")
    .select(["data", "revision"])
    .where("sequence_id", "=", task.sequence_id)
    .where("kind", "=", "cuboid")
    .where("data", "is not", null)
    .execute();
  const boxes = rows
    .map((r) => ({ cuboid: r.data as Cuboid, revision: r.revision }))
    .filter((b) => set.has(b.cuboid.frameIndex));
  return { frames, boxes };
}

/** The acceptance rule's figures for a task now (core/review/evaluateAcceptance). */
export async function acceptanceOf(db: Db, task: TaskRow): Promise<AcceptanceEvaluation> {
  const { boxes } = await sampledBoxes(db, task);
  return evaluateAcceptance(
    boxes.map((b) => b.cuboid),
    await listVerdicts(db, task.id),
    task.max_rejected_percent,
  );
}
