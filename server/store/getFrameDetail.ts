import type { SequenceDetail } from "../../core/api/sequenceDetail";
import type { Database } from "../db/openDatabase";
import { frameDetailOf } from "./getSequenceDetail";

type FrameDetail = SequenceDetail["frames"][number];

/**
 * Frames read, per store, by sequence and index. A frame row is written once, by the import that
 * creates its sequence, and never changed (a deleted sequence's frames are refused by the route's
 * guard first), so a process may keep what it read. Frame steps are half of bench:server's requests:
 * each took a pooled connection, and on PGlite waited its turn behind whole batch transactions.
 */
const framesOf = new WeakMap<object, Map<string, FrameDetail>>();
/** About 1 KB of JSON each: at most ~10 MB a store; the oldest read goes first. */
const MAX_FRAMES = 10_000;

/**
 * One frame of a sequence, or null when there is no such frame. One indexed row: a frame step read
 * the whole sequence (3 queries, every frame's row) to answer one frame; read once per process now.
 * The same object is returned to every caller: do not change it.
 */
export async function getFrameDetail(
  store: Database,
  sequenceId: string,
  frameIndex: number,
): Promise<FrameDetail | null> {
  let frames = framesOf.get(store);
  if (!frames) framesOf.set(store, (frames = new Map()));
  const key = `${sequenceId}\u0000${frameIndex}`;
  const known = frames.get(key);
  if (known) return known;
  const row = await store.db
    .selectFrom("frames")
    .selectAll()
    .where("sequence_id", "=", sequenceId)
    .where("frame_index", "=", frameIndex)
    .executeTakeFirst();
  // A missing frame is not remembered: its sequence's import may still be landing.
  if (!row) return null;
  const frame = frameDetailOf(row);
  if (frames.size >= MAX_FRAMES) {
    const oldest = frames.keys().next();
    if (!oldest.done) frames.delete(oldest.value);
  }
  frames.set(key, frame);
  return frame;
}
