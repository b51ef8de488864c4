import { describe, expect, it } from "vitest";
import { applyDiff, diffPut } from "../applyDiff";
import { nudgeSelected } from "../commands/editCuboids";
import { handleKey } from "../shortcuts";
import { key, makeEditor } from "../test/makeEditor";
import { makeCuboid } from "../test/makeCuboid";
import { createReviewSession } from "./createReviewSession";
import type { ReviewApi } from "./ReviewApi";
import type { BoxVerdict, ReviewIssue } from "./ReviewState";

const ERROR_TYPES = [
  { code: "missing_object", label: "Missing object" },
  { code: "extra_object", label: "Extra object" },
  { code: "wrong_class", label: "Wrong class" },
];

/** An in-memory server side: records what it was sent; `refuse` makes the next call fail. */
function fakeApi() {
  const sent: Array<{ cuboidId: string; verdict: string; errorType?: string; note?: string }> = [];
  const state = { refuse: null as string | null };
  const check = () => {
    const r = state.refuse;
    state.refuse = null;
    if (r) throw new Error(r);
  };
  const api: ReviewApi = {
    async putVerdicts(_task, verdicts) {
      check();
      sent.push(...verdicts);
      return verdicts.map(
        (v): BoxVerdict => ({
          cuboidId: v.cuboidId,
          trackId: "?",
          frameIndex: 0,
          verdict: v.verdict,
          errorType: v.errorType ?? null,
          note: v.note ?? null,
          byName: "rev",
          at: "2026-01-01T00:00:00.000Z",
        }),
      );
    },
    async createIssue(_task, input) {
      check();
      return { id: "i1", ...input, status: "open", byName: "rev", at: "t", replies: [] } as ReviewIssue;
    },
    async replyToIssue() {
      throw new Error("not used");
    },
    async setIssueStatus() {
      throw new Error("not used");
    },
    async transition() {
      throw new Error("not used");
    },
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
  const review = createReviewSession(editor, api, {
    task: {
      id: "task1",
      name: "T",
      state: "in_review",
      frameStart: null,
      frameEnd: null,
      labelerName: "ann",
      reviewerName: "rev",
      history: [],
    },
    role: "reviewer",
    errorTypes: ERROR_TYPES,
  });
  editor.review = review;
  review.setQueue(boxes.map((b) => b.id));
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
      expect(review.current()?.id).toBe(`c${i}`);
      if (rejected.has(i)) {
        keys += Number(press("KeyB")) + Number(press("Digit3")) + Number(press("Enter"));
      } else keys += Number(press("KeyY"));
      await settle();
    }
    expect(keys).toBe(47 + 3 * 3);
    expect(sent.filter((v) => v.verdict === "accepted")).toHaveLength(47);
    expect(sent.filter((v) => v.verdict === "rejected").map((v) => [v.cuboidId, v.errorType])).toEqual([
      ["c7", "wrong_class"],
      ["c19", "wrong_class"],
      ["c33", "wrong_class"],
    ]);
    expect(review.store.get().verdicts.size).toBe(50);
    expect(review.store.get().message).toBe("All 50 boxes reviewed");
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

  it("accepts a whole track with Shift+Y and lands on the next track", async () => {
    const { review, sent, press } = setUp(10);
    press("KeyY", { shiftKey: true });
    await settle();
    expect(sent.map((v) => v.cuboidId)).toEqual(["c0", "c1", "c2", "c3", "c4"]);
    expect(review.current()?.trackId).toBe("t1");
  });

  it("a digit while rejecting picks the reason, not the class; Esc drops the reject", () => {
    const { editor, review, press } = setUp(5);
    press("KeyB");
    press("Digit1");
    expect(review.store.get().rejectDraft?.errorType).toBe("missing_object");
    expect(editor.store.get().cuboids.get("c0")?.className).toBe("Car");
    press("Escape");
    expect(review.store.get().rejectDraft).toBeNull();
    expect(review.store.get().verdicts.size).toBe(0);
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
    expect(review.store.get().verdicts.size).toBe(0);
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

  it("pins an issue to the selected box at its top centre", async () => {
    const { review, press } = setUp(5);
    press("KeyO");
    review.setPinText("too loose at the rear");
    await review.commitPin();
    const [issue] = review.store.get().issues;
    expect(issue?.anchor).toEqual({ kind: "box", cuboidId: "c0", trackId: "t0" });
    expect(issue?.pointM).toEqual({ x: 0, y: 0, z: 1 });
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
