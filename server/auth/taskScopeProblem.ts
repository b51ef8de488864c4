import { sql } from "kysely";
import type { AnnotationBatch } from "../../core/api/annotationBatch";
import type { Database } from "../db/openDatabase";
import type { ProjectRole } from "../db/Schema";
import type { Principal } from "./Principal";

/**
 * Why a batch falls outside the caller's tasks, or null when it may apply. Admins and leads edit
 * the whole project; annotators only the frames of tasks they label, reviewers of tasks they
 * review. A cuboid's frames are where it is put and, for an existing one, where it was.
 * Track edits need some task on the sequence (a track spans frames; its cuboids are checked).
 */
export async function taskScopeProblem(
  store: Database,
  principal: Principal,
  role: ProjectRole,
  sequenceId: string,
  batch: AnnotationBatch,
): Promise<string | null> {
  if (role === "admin" || role === "lead") return null;
  if (role !== "annotator" && role !== "reviewer") return `a ${role} may not edit annotations`;
  const tasks = await store.db
    .selectFrom("tasks")
    .select(["frame_start", "frame_end"])
    .where("sequence_id", "=", sequenceId)
    .where(role === "annotator" ? "labeler_id" : "reviewer_id", "=", principal.userId)
    .execute();
  if (tasks.length === 0) return `no task on sequence ${sequenceId} is assigned to you`;
  if (tasks.some((t) => t.frame_start === null)) return null;
  const frames = new Map<string, number[]>();
  const ids: string[] = [];
  for (const op of batch.operations) {
    if (op.op === "putCuboid") {
      frames.set(op.cuboid.id, [...(frames.get(op.cuboid.id) ?? []), op.cuboid.frameIndex]);
      ids.push(op.cuboid.id);
    } else if (op.op === "deleteCuboid") ids.push(op.id);
  }
  if (ids.length > 0) {
    const existing = await store.db
      .selectFrom("objects")
      .select(["object_id", sql<string>`data->>'frameIndex'`.as("frame")])
      .where("sequence_id", "=", sequenceId)
      .where("kind", "=", "cuboid")
      .where("data", "is not", null)
      .where("object_id", "in", [...new Set(ids)])
      .execute();
    for (const r of existing) frames.set(r.object_id, [...(frames.get(r.object_id) ?? []), Number(r.frame)]);
  }
  const inside = (f: number) =>
    tasks.some(
      (t) => t.frame_start !== null && t.frame_end !== null && f >= t.frame_start && f <= t.frame_end,
    );
  for (const [id, fs] of frames) {
    const out = fs.find((f) => !inside(f));
    if (out !== undefined) return `cuboid ${id}: frame ${out} is outside the frames of your tasks`;
  }
  return null;
}
