import { describe, expect, it } from "vitest";
import type { QueueItem } from "../../../core/review/orderReviewQueue";
import { keepReviewedOrder } from "./keepReviewedOrder";

const item = (id: string, group: QueueItem["group"] = "rest"): QueueItem => ({
  cuboidId: id,
  trackId: `t-${id}`,
  frameIndex: 0,
  group,
  needsReview: null,
  qaKinds: [],
});
const ids = (q: readonly QueueItem[]) => q.map((i) => i.cuboidId).join(" ");

describe("keepReviewedOrder", () => {
  const previous = ["a", "b", "c", "d", "e"].map((id) => item(id));

  it("keeps the walked boxes in place and re-sorts only what lies ahead", () => {
    // A QA finding on d puts it first in core's order; the reviewer has walked a, b, c.
    const next = [item("d", "qa-finding"), item("a"), item("b"), item("c"), item("e")];
    const r = keepReviewedOrder(previous, 3, 2, next);
    expect(ids(r.queue)).toBe("a b c d e");
    expect(r.cursor).toBe(2);
    expect(r.walked).toBe(3);
    // Walked boxes take their new group and QA kinds from the new queue.
    const moved = keepReviewedOrder(previous, 3, 2, [
      item("e", "qa-finding"),
      item("b", "qa-finding"),
      item("a"),
      item("c"),
      item("d"),
    ]);
    expect(ids(moved.queue)).toBe("a b c e d");
    expect(moved.queue[1]?.group).toBe("qa-finding");
  });

  it("puts the cursor on the box that followed a removed one", () => {
    const next = [item("a"), item("b"), item("d"), item("e"), item("f")];
    const r = keepReviewedOrder(previous, 3, 2, next);
    expect(ids(r.queue)).toBe("a b d e f");
    expect(r.queue[r.cursor]?.cuboidId).toBe("d");
    expect(r.walked).toBe(2);
  });

  it("follows the new order entirely before the reviewer has walked anything", () => {
    const next = [item("e"), item("d"), item("c"), item("b"), item("a")];
    const r = keepReviewedOrder(previous, 0, 1, next);
    expect(ids(r.queue)).toBe("e d c b a");
    expect(r.queue[r.cursor]?.cuboidId).toBe("b");
    expect(keepReviewedOrder([], 0, 0, []).queue).toEqual([]);
  });
});
