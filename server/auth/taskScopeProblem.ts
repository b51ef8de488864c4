import type { AnnotationBatch } from "../../core/api/annotationBatch";
import type { ProjectRole } from "../db/Schema";
import type { EditScope } from "../store/readEditScope";
import type { Principal } from "./Principal";

/**
 * Why a batch falls outside the caller's tasks, or null when it may apply. Admins and leads edit
 * the whole project; annotators only the frames of tasks they label, reviewers of tasks they
 * review. A cuboid's frames are where it is put and, for an existing one, where it was.
 * Track edits need some task on the sequence (a track spans frames; its cuboids are checked).
 * `scope` is what readEditScope read for this batch (null only for admins and leads, who need none).
 */
export function taskScopeProblem(
  principal: Principal,
  role: ProjectRole,
  sequenceId: string,
  batch: AnnotationBatch,
  scope: EditScope | null,
): string | null {
  if (role === "admin" || role === "lead") return null;
  if (role !== "annotator" && role !== "reviewer") return `a ${role} may not edit annotations`;
  if (!scope) throw new Error(`the task scope of a ${role} needs the edit scope read`);
  const tasks = scope.tasks.filter(
    (t) => (role === "annotator" ? t.labelerId : t.reviewerId) === principal.userId,
  );
  if (tasks.length === 0) return `no task on sequence ${sequenceId} is assigned to you`;
  if (tasks.some((t) => t.frameStart === null)) return null;
  const frames = new Map<string, number[]>();
  for (const op of batch.operations)
    if (op.op === "putCuboid")
      frames.set(op.cuboid.id, [...(frames.get(op.cuboid.id) ?? []), op.cuboid.frameIndex]);
  for (const b of scope.boxesById) frames.set(b.id, [...(frames.get(b.id) ?? []), b.frameIndex]);
  const inside = (f: number) =>
    tasks.some((t) => t.frameStart !== null && t.frameEnd !== null && f >= t.frameStart && f <= t.frameEnd);
  for (const [id, fs] of frames) {
    const out = fs.find((f) => !inside(f));
    if (out !== undefined) return `cuboid ${id}: frame ${out} is outside the frames of your tasks`;
  }
  return null;
}
