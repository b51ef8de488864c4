import { describe, expect, it } from "vitest";
import { applyDiff, diffPut } from "../applyDiff";
import { nudgeSelected } from "../commands/editCuboids";
import { setFrame } from "../commands/frames";
import { handleKey } from "../shortcuts";
import { key, makeEditor } from "../test/makeEditor";
import { makeCuboid } from "../test/makeCuboid";
import { createReviewSession } from "./createReviewSession";
import type { BoxVerdict, VerdictInput } from "../../../core/review/BoxVerdict";
import { DEFAULT_ERROR_TYPES } from "../../../core/review/ErrorType";
import { orderReviewQueue } from "../../../core/review/orderReviewQueue";
import { must } from "../../../core/model/must";
import type { ReviewApi } from "./ReviewApi";

const ERROR_TYPES = DEFAULT_ERROR_TYPES;

/** An in-memory server side: records what it was sent; `refuse` makes the next call fail. */
function fakeApi() {
  const sent: VerdictInput[] = [];
  const state = { refuse: null as string | null };
  const check = () => {
    const r = state.refuse;
    state.refuse = null;
    if (r) throw new Error(r);
  };
  let n = 0;
  const api: ReviewApi = {
    async postVerdicts(taskId, verdicts) {
      check();
      sent.push(...verdicts);
      return verdicts.map(
        (v): BoxVerdict => ({
          id: `v${++n}`,
          taskId,
          target:
            v.target.kind === "box"
              ? { kind: "box", cuboidId: v.target.cuboidId, trackId: "?", frameIndex: 0 }
              : v.target,
          verdict: v.verdict,
          reasonCode: v.reasonCode ?? null,
          note: v.note ?? null,
          reviewerId: "u2",
          reviewerName: "rev",
          revision: 1,
          createdAt: `2026-01-01T00:00:${String(n).padStart(2, "0")}.000Z`,
        }),
      );
    },
    async createIssue(taskId, input) {
      check();
      return {
        id: "i1",
        taskId,
        sequenceId: "s",
        anchor: input.anchor,
        frameIndex: 0,
        trackId: null,
        status: "open",
        reasonCode: null,
        body: input.body,
        authorId: "u2",
        authorName: "rev",
        createdAt: "t",
        updatedAt: "t",
        replies: [],
      };
    },
    replyToIssue: () => Promise.reject(new Error("not used")),
    changeIssue: () => Promise.reject(new Error("not used")),
    transition: () => Promise.reject(new Error("not used")),
    task: () => Promise.reject(new Error("not used")),
  };
  return { api, sent, state };
}

/** `n` boxes: tracks of 5 frames each, spread over 10 frames. */
function setUp(n: number) {
  const editor = makeEditor(10);
  const boxes = Array.from({ length: n }, (_, i) =>
    makeCuboid({
      id: `c${i}`,
      trackId: `t${Math.floor(i / 5)}`,
      frameIndex: i % 5,
      centerM: { x: i, y: 0, z: 0 },
    }),
  );
  applyDiff(editor, diffPut(editor, boxes), "load");
  const { api, sent, state } = fakeApi();
  const review = createReviewSession(editor, api, { errorTypes: ERROR_TYPES });
  editor.review = review;
  review.setQueue(
    orderReviewQueue(boxes, []).sort((a, b) => a.cuboidId.localeCompare(b.cuboidId, "en", { numeric: true })),
  );
  review.setReviewing(true);
  const press = (code: string, mods = {}) => handleKey(editor, { cancel: () => false }, key(code, mods));
  return { editor, review, sent, state, press };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

describe("the review session driven by keys", () => {
  it("reviews 50 boxes with 1 key per accept and 3 per reject with a reason", async () => {
    const { review, sent, press } = setUp(50);
    let keys = 0;
    const rejected = new Set([7, 19, 33]);
    for (let i = 0; i < 50; i++) {
      expect(review.current()?.cuboidId).toBe(`c${i}`);
      if (rejected.has(i)) {
        keys += Number(press("KeyB")) + Number(press("Digit3")) + Number(press("Enter"));
      } else keys += Number(press("KeyY"));
      await settle();
    }
    expect(keys).toBe(47 + 3 * 3);
    expect(sent.filter((v) => v.verdict === "accepted")).toHaveLength(47);
    expect(
      sent
        .filter((v) => v.verdict === "rejected")
        .map((v) => [v.target.kind === "box" && v.target.cuboidId, v.reasonCode]),
    ).toEqual([
      ["c7", "wrong-class"],
      ["c19", "wrong-class"],
      ["c33", "wrong-class"],
    ]);
    expect(review.store.get().verdicts).toHaveLength(50);
    expect(review.store.get().message).toBe("All 50 boxes reviewed");
  });

  it("keeps the boxes already walked in place when the queue is rebuilt mid-review", async () => {
    const { review, press } = setUp(10);
    press("KeyY");
    press("KeyY");
    press("KeyY");
    await settle();
    const before = review.store.get().queue.map((q) => q.cuboidId);
    expect(review.current()?.cuboidId).toBe("c3");
    // QA findings land (or an ego-pose estimate changes them): core's order now puts c9 and c1 first.
    const rebuilt = [...before].sort(
      (a, b) => Number(b === "c9") - Number(a === "c9") || Number(b === "c1") - Number(a === "c1"),
    );
    const byId = new Map(review.store.get().queue.map((q) => [q.cuboidId, q]));
    review.setQueue(
      rebuilt.map((id) => ({ ...must(byId.get(id), id), group: id === "c9" ? "qa-finding" : "rest" })),
    );
    const after = review.store.get().queue.map((q) => q.cuboidId);
    expect(after.slice(0, 4)).toEqual(before.slice(0, 4));
    expect(after[4]).toBe("c9");
    expect(review.current()?.cuboidId).toBe("c3");
  });

  it("goes to each box's frame and selects its track", () => {
    const { editor, press } = setUp(10);
    press("KeyK");
    press("KeyK");
    expect(editor.store.get().frameIndex).toBe(2);
    expect(editor.store.get().selectedTrackId).toBe("t0");
    press("KeyK", { shiftKey: true });
    expect(editor.store.get().frameIndex).toBe(1);
  });

  it("follows the selection: Y accepts the box the reviewer selected, wherever it is in the queue", async () => {
    const { editor, review, sent, press } = setUp(10);
    setFrame(editor, 3);
    editor.store.update({ selectedTrackId: "t1" });
    expect(review.current()?.cuboidId).toBe("c8");
    press("KeyY");
    await settle();
    expect(sent.map((v) => v.target)).toEqual([{ kind: "box", cuboidId: "c8" }]);
  });

  it("accepts a whole track with Shift+Y (one verdict) and lands on the next track", async () => {
    const { review, sent, press } = setUp(10);
    press("KeyY", { shiftKey: true });
    await settle();
    expect(sent.map((v) => v.target)).toEqual([{ kind: "track", trackId: "t0" }]);
    expect(review.current()?.trackId).toBe("t1");
  });

  it("a digit while rejecting picks the reason, not the class; Esc drops the reject", () => {
    const { editor, review, press } = setUp(5);
    press("KeyB");
    press("Digit1");
    expect(review.store.get().rejectDraft?.reasonCode).toBe("missing-object");
    expect(editor.store.get().cuboids.get("c0")?.className).toBe("Car");
    press("Escape");
    expect(review.store.get().rejectDraft).toBeNull();
    expect(review.store.get().verdicts).toHaveLength(0);
  });

  it("Enter without a reason keeps the reject open and says what is missing", async () => {
    const { review, press } = setUp(5);
    press("KeyB");
    press("Enter");
    await settle();
    expect(review.store.get().rejectDraft).not.toBeNull();
    expect(review.store.get().message).toMatch(/reason/);
  });

  it("rolls a refused verdict back with the server's message", async () => {
    const { review, state, press } = setUp(5);
    state.refuse = "task t is not in review";
    press("KeyY");
    await settle();
    expect(review.store.get().verdicts).toHaveLength(0);
    expect(review.store.get().message).toBe("task t is not in review");
  });

  it("the review keys are inert outside reviewer mode (Y, B do nothing; digits set the class)", () => {
    const { editor, review, press } = setUp(5);
    review.setReviewing(false);
    editor.store.update({ selectedTrackId: "t0" });
    expect(press("KeyY")).toBe(false);
    expect(press("KeyB")).toBe(false);
    press("Digit2");
    expect(editor.store.get().cuboids.get("c0")?.className).not.toBe("Car");
  });

  it("pins an issue to the selected box, and to a clicked point at the frame", async () => {
    const { review, press } = setUp(5);
    press("KeyO");
    review.setPinBody("too loose at the rear");
    await review.commitPin();
    expect(review.store.get().issues.map((i) => i.anchor)).toEqual([{ kind: "box", cuboidId: "c0" }]);
    review.beginPin("point");
    expect(review.store.get().pinDraft?.anchor).toBeNull();
    review.pinAtPoint({ x: 5, y: 2, z: 0 });
    expect(review.store.get().pinDraft?.anchor).toEqual({
      kind: "point",
      pointM: { x: 5, y: 2, z: 0 },
      frameIndex: 0,
    });
  });
});

describe("the edit lock of a submitted task", () => {
  it("refuses edits and undo with the lock's reason, and allows them again when lifted", () => {
    const { editor } = setUp(1);
    editor.store.update({
      selectedTrackId: "t0",
      editLock: "Submitted for review: edits wait until it comes back",
    });
    nudgeSelected(editor, { forwardM: 1 });
    expect(editor.store.get().cuboids.get("c0")?.centerM.x).toBe(0);
    expect(editor.store.get().notice).toMatch(/Submitted/);
    editor.store.update({ editLock: null });
    nudgeSelected(editor, { forwardM: 1 });
    expect(editor.store.get().cuboids.get("c0")?.centerM.x).toBe(1);
  });
});
