import type { Selectable } from "kysely";
import type { BoxVerdict } from "../../core/review/BoxVerdict";
import type { Database } from "../db/openDatabase";
import type { BoxVerdictsTable } from "../db/Schema";

type Db = Database["db"];

const targetOf = (r: Selectable<BoxVerdictsTable>): BoxVerdict["target"] => {
  if (r.target_kind !== "box") return { kind: "track", trackId: r.track_id };
  if (r.cuboid_id === null || r.frame_index === null)
    throw new Error(`verdict ${r.id}: a box verdict without its box (cuboid_id, frame_index)`);
  return { kind: "box", cuboidId: r.cuboid_id, trackId: r.track_id, frameIndex: r.frame_index };
};

export const verdictJson = (r: Selectable<BoxVerdictsTable>): BoxVerdict => ({
  id: r.id,
  taskId: r.task_id,
  target: targetOf(r),
  verdict: r.verdict,
  reasonCode: r.reason_code,
  note: r.note,
  reviewerId: r.reviewer_id,
  reviewerName: r.reviewer_name,
  revision: r.revision,
  createdAt: r.created_at.toISOString(),
});

/** A task's verdicts, oldest first (the newest on a box or track is the one that counts). */
export async function listVerdicts(db: Db, taskId: string): Promise<BoxVerdict[]> {
  const rows = await db
    .selectFrom("box_verdicts")
    .selectAll()
    .where("task_id", "=", taskId)
    .orderBy("created_at")
    .orderBy("id")
    .execute();
  return rows.map(verdictJson);
}
