import type { QueueItem } from "../../../core/review/orderReviewQueue";

/**
 * A new review queue that keeps what the reviewer has already walked where it was. The first
 * `walked` items of `previous` (the boxes up to the furthest the cursor has reached) keep their
 * order, each refreshed from `next` (group, QA kinds) and dropped when `next` no longer holds it;
 * every other box follows in `next`'s order. So QA findings or an ego-pose estimate that land
 * mid-review re-sort only what lies ahead, and rows the reviewer has seen never move under them.
 * `cursor` comes back on the same box, or on the box that followed it when it is gone; `walked`,
 * how many of the new queue's first items are the kept ones.
 */
export function keepReviewedOrder(
  previous: readonly QueueItem[],
  walked: number,
  cursor: number,
  next: readonly QueueItem[],
): { queue: QueueItem[]; cursor: number; walked: number } {
  const byId = new Map(next.map((q) => [q.cuboidId, q]));
  const head: QueueItem[] = [];
  let at = -1;
  for (let i = 0; i < Math.min(walked, previous.length); i++) {
    const old = previous[i];
    const now = old && byId.get(old.cuboidId);
    if (i === cursor) at = head.length;
    if (now) head.push(now);
  }
  const inHead = new Set(head.map((q) => q.cuboidId));
  const queue = [...head, ...next.filter((q) => !inHead.has(q.cuboidId))];
  const atId = previous[cursor]?.cuboidId;
  const same = atId ? queue.findIndex((q) => q.cuboidId === atId) : -1;
  const fallback = at >= 0 ? at : 0;
  const kept = Math.max(0, Math.min(queue.length - 1, same >= 0 ? same : fallback));
  return { queue, cursor: kept, walked: head.length };
}
