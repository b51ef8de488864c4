import type { Principal } from "../auth/Principal";
import type { TaskRow } from "../accounts/tasks";
import type { Database } from "../db/openDatabase";
import type { ProjectRole } from "../db/Schema";

type Db = Database["db"];

/** A live (not deleted) object's data, or undefined. */
async function liveObjectData(db: Db, sequenceId: string, kind: "cuboid" | "track", id: string) {
  const row = await db
    .selectFrom("objects")
    .select("data")
    .where("sequence_id", "=", sequenceId)
    .where("kind", "=", kind)
    .where("object_id", "=", id)
    .where("data", "is not", null)
    .executeTakeFirst();
  return row?.data ?? undefined;
}

/** Where a live box stands: its frame and track (undefined when it does not exist or was deleted). */
export async function readBoxPlace(
  db: Db,
  sequenceId: string,
  cuboidId: string,
): Promise<{ frameIndex: number; trackId: string } | undefined> {
  return (await liveObjectData(db, sequenceId, "cuboid", cuboidId)) as
    | { frameIndex: number; trackId: string }
    | undefined;
}

/** Whether the sequence has a live (not deleted) track with this id. */
export async function trackExists(db: Db, sequenceId: string, trackId: string): Promise<boolean> {
  return (await liveObjectData(db, sequenceId, "track", trackId)) !== undefined;
}

/**
 * The refusal for a caller who is neither the task's reviewer nor a project admin or lead, saying
 * what they tried (`doing`, e.g. "judge its boxes"); null when they may.
 */
export function notReviewerReply(
  task: TaskRow,
  principal: Principal,
  role: ProjectRole,
  doing: string,
): { error: "not-assignee"; message: string } | null {
  if (role === "admin" || role === "lead" || task.reviewer_id === principal.userId) return null;
  return { error: "not-assignee", message: `only the task's reviewer or a project lead may ${doing}` };
}

/** The 400 message for a frame outside the task's inclusive range, or null when inside it. */
export function outsideTaskFrames(
  range: { start: number; end: number },
  frameIndex: number,
  what: string,
): string | null {
  if (frameIndex >= range.start && frameIndex <= range.end) return null;
  return `${what} is outside the task's frames ${range.start}–${range.end}`;
}
