import type { SequenceDetail } from "../../core/api/sequenceDetail";
import type { Database } from "../db/openDatabase";
import { frameDetailOf } from "./getSequenceDetail";

/**
 * One frame of a sequence, or null when there is no such frame. One indexed row: a frame step read
 * the whole sequence (3 queries, every frame's row) to answer one frame.
 */
export async function getFrameDetail(
  store: Database,
  sequenceId: string,
  frameIndex: number,
): Promise<SequenceDetail["frames"][number] | null> {
  const row = await store.db
    .selectFrom("frames")
    .selectAll()
    .where("sequence_id", "=", sequenceId)
    .where("frame_index", "=", frameIndex)
    .executeTakeFirst();
  return row ? frameDetailOf(row) : null;
}
