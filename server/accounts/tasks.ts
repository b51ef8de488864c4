import type { Selectable } from "kysely";
import { z } from "zod";
import { reviewSettingsSchema, type TaskJson } from "../../core/api/review";
import { taskStateSchema } from "../../core/review/TaskState";
import type { Database } from "../db/openDatabase";
import type { TasksTable } from "../db/Schema";
import { idSchema, nameSchema } from "../http/validate";

export type TaskRow = Selectable<TasksTable>;

const frame = z.number().int().nonnegative().max(10_000_000);
export const taskInputSchema = z.object({
  sequenceId: idSchema,
  name: nameSchema.optional(),
  /** Inclusive frame range; both omitted = the whole sequence. */
  frameStart: frame.optional(),
  frameEnd: frame.optional(),
  labelerId: idSchema.nullable().optional(),
  reviewerId: idSchema.nullable().optional(),
});
export const taskPatchSchema = z.object({
  name: nameSchema.optional(),
  labelerId: idSchema.nullable().optional(),
  reviewerId: idSchema.nullable().optional(),
  /** Set the state directly (leads; recorded as a "set" transition). Moves by assignees go through /transitions. */
  state: taskStateSchema.optional(),
  ...reviewSettingsSchema.shape,
});

export const taskJson = (t: TaskRow): TaskJson => ({
  id: t.id,
  projectId: t.project_id,
  sequenceId: t.sequence_id,
  name: t.name,
  frameStart: t.frame_start,
  frameEnd: t.frame_end,
  labelerId: t.labeler_id,
  reviewerId: t.reviewer_id,
  state: t.state,
  samplePercent: t.sample_percent,
  maxRejectedPercent: t.max_rejected_percent,
  createdAt: t.created_at.toISOString(),
});
export type { TaskJson };

/** Assignees must be members of the project (or global admins). Returns the reason when not. */
export async function assigneeProblem(
  store: Database,
  projectId: string,
  ids: Array<string | null | undefined>,
): Promise<string | null> {
  for (const id of ids) {
    if (!id) continue;
    const ok = await store.db
      .selectFrom("users as u")
      .leftJoin("project_members as m", (j) =>
        j.onRef("m.user_id", "=", "u.id").on("m.project_id", "=", projectId),
      )
      .select(["u.is_admin", "m.role"])
      .where("u.id", "=", id)
      .executeTakeFirst();
    if (!ok) return `user ${id} does not exist`;
    if (!ok.is_admin && !ok.role) return `user ${id} is not a member of this project`;
  }
  return null;
}

/** A new task on a sequence of the project; the frame range must lie inside the sequence. */
export async function createTask(
  store: Database,
  projectId: string,
  input: z.infer<typeof taskInputSchema>,
): Promise<TaskJson | { error: string; message: string }> {
  const bad = (message: string) => ({ error: "invalid-request", message });
  const seq = await store.db
    .selectFrom("sequences")
    .select([
      "name",
      "project_id",
      (eb) =>
        eb
          .selectFrom("frames")
          .select(eb.fn.countAll<string>().as("n"))
          .whereRef("frames.sequence_id", "=", "sequences.id")
          .as("frameCount"),
    ])
    .where("id", "=", input.sequenceId)
    .executeTakeFirst();
  if (!seq || seq.project_id !== projectId)
    return bad(`sequenceId: sequence ${input.sequenceId} is not in this project`);
  const frames = Number(seq.frameCount);
  const { frameStart, frameEnd } = input;
  if ((frameStart === undefined) !== (frameEnd === undefined))
    return bad("frameStart and frameEnd: give both or neither");
  if (frameStart !== undefined && frameEnd !== undefined && (frameStart > frameEnd || frameEnd >= frames))
    return bad(
      `frameStart..frameEnd: ${input.frameStart}..${input.frameEnd} is not inside frames 0..${frames - 1}`,
    );
  const problem = await assigneeProblem(store, projectId, [input.labelerId, input.reviewerId]);
  if (problem) return bad(problem);
  const range = input.frameStart !== undefined ? ` frames ${input.frameStart}–${input.frameEnd}` : "";
  const row = await store.db
    .insertInto("tasks")
    .values({
      id: crypto.randomUUID(),
      project_id: projectId,
      sequence_id: input.sequenceId,
      name: input.name ?? `${seq.name}${range}`,
      frame_start: input.frameStart ?? null,
      frame_end: input.frameEnd ?? null,
      labeler_id: input.labelerId ?? null,
      reviewer_id: input.reviewerId ?? null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return taskJson(row);
}
