import { sql } from "kysely";
import type { AnnotationBatch } from "../../core/api/annotationBatch";
import { labelerMayEdit, reviewerMayEdit } from "../../core/review/TaskState";
import type { Principal } from "../auth/Principal";
import type { Database } from "../db/openDatabase";
import type { ProjectRole } from "../db/Schema";

type Db = Database["db"];

/**
 * The frames a batch touches: where each cuboid is put and where it was, and every frame of a
 * track the batch changes or deletes (a track's class and attributes are its boxes').
 */
export async function framesTouched(
  db: Db,
  sequenceId: string,
  batch: AnnotationBatch,
): Promise<Set<number>> {
  const frames = new Set<number>();
  const ids = new Set<string>();
  const tracks = new Set<string>();
  for (const op of batch.operations) {
    if (op.op === "putCuboid") {
      frames.add(op.cuboid.frameIndex);
      ids.add(op.cuboid.id);
    } else if (op.op === "deleteCuboid") ids.add(op.id);
    else tracks.add(op.op === "putTrack" ? op.track.trackId : op.trackId);
  }
  if (ids.size === 0 && tracks.size === 0) return frames;
  const rows = await db
    .selectFrom("objects")
    .select(sql<string>`data->>'frameIndex'`.as("frame"))
    .where("sequence_id", "=", sequenceId)
    .where("kind", "=", "cuboid")
    .where("data", "is not", null)
    .where((eb) =>
      eb.or([
        ...(ids.size ? [eb("object_id", "in", [...ids])] : []),
        ...(tracks.size ? [eb(sql<string>`data->>'trackId'`, "in", [...tracks])] : []),
      ]),
    )
    .execute();
  for (const r of rows) frames.add(Number(r.frame));
  return frames;
}

/**
 * Why the review workflow refuses this batch now (409 task-locked), or null. Leads and admins
 * edit at any time. An annotator may not touch frames of a task that is submitted, in review or
 * accepted, until it comes back (rejected, rework). A reviewer corrects boxes only in frames of a
 * task they review that is in review. Runs inside the batch's transaction, after its lock.
 */
export async function editLockProblem(
  db: Db,
  principal: Principal,
  role: ProjectRole,
  sequenceId: string,
  batch: AnnotationBatch,
): Promise<{ error: "task-locked"; message: string } | null> {
  if (role === "admin" || role === "lead") return null;
  const frames = await framesTouched(db, sequenceId, batch);
  if (frames.size === 0) return null;
  const tasks = await db
    .selectFrom("tasks")
    .select(["name", "state", "frame_start", "frame_end", "reviewer_id"])
    .where("sequence_id", "=", sequenceId)
    .execute();
  const covers = (t: (typeof tasks)[number], f: number) =>
    t.frame_start === null || (f >= t.frame_start && f <= (t.frame_end ?? t.frame_start));
  for (const f of [...frames].sort((a, b) => a - b)) {
    if (role === "reviewer") {
      const mine = tasks.filter((t) => t.reviewer_id === principal.userId && covers(t, f));
      const [first] = mine;
      if (first && !mine.some((t) => reviewerMayEdit(t.state)))
        return {
          error: "task-locked",
          message: `frame ${f}: task "${first.name}" is ${first.state}; a reviewer corrects boxes only while the task is in review`,
        };
    } else {
      const locked = tasks.find((t) => covers(t, f) && !labelerMayEdit(t.state));
      if (locked)
        return {
          error: "task-locked",
          message: `frame ${f}: task "${locked.name}" is ${locked.state}; edits wait until it comes back from review (rejected or rework)`,
        };
    }
  }
  return null;
}
