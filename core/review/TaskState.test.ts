import { describe, expect, it } from "vitest";
import {
  availableActions,
  canTransition,
  labelerMayEdit,
  reviewerMayEdit,
  TASK_ACTIONS,
  TASK_STATES,
  type TaskActor,
  taskStateFromLegacy,
} from "./TaskState";

const labeler: TaskActor = { role: "annotator", isLabeler: true, isReviewer: false };
const reviewer: TaskActor = { role: "reviewer", isLabeler: false, isReviewer: true };
const otherAnnotator: TaskActor = { role: "annotator", isLabeler: false, isReviewer: false };
const lead: TaskActor = { role: "lead", isLabeler: false, isReviewer: false };
const viewerAssigned: TaskActor = { role: "viewer", isLabeler: true, isReviewer: true };

describe("canTransition", () => {
  it("walks the whole loop: to do → labeling → submitted → in review → rejected → rework → submitted → in review → accepted", () => {
    const steps: Array<[TaskActor, (typeof TASK_ACTIONS)[number], string]> = [
      [labeler, "start", "labeling"],
      [labeler, "submit", "submitted"],
      [reviewer, "start-review", "in-review"],
      [reviewer, "reject", "rejected"],
      [labeler, "start-rework", "rework"],
      [labeler, "submit", "submitted"],
      [reviewer, "start-review", "in-review"],
      [reviewer, "accept", "accepted"],
    ];
    let state = "todo" as (typeof TASK_STATES)[number];
    for (const [actor, action, to] of steps) {
      const v = canTransition(state, action, actor);
      expect(v).toEqual({ ok: true, to });
      if (v.ok) state = v.to;
    }
  });

  it("keeps each side to its assignee; leads and admins may make any allowed move", () => {
    expect(canTransition("labeling", "submit", reviewer)).toMatchObject({ ok: false, code: "not-assignee" });
    expect(canTransition("labeling", "submit", otherAnnotator)).toMatchObject({
      ok: false,
      code: "not-assignee",
    });
    expect(canTransition("in-review", "accept", labeler)).toMatchObject({ ok: false, code: "not-assignee" });
    expect(canTransition("submitted", "start-review", viewerAssigned)).toMatchObject({ ok: false });
    for (const a of TASK_ACTIONS)
      for (const s of TASK_STATES) {
        const asLead = canTransition(s, a, lead);
        const asAdmin = canTransition(s, a, { ...lead, role: "admin" });
        expect(asLead).toEqual(asAdmin);
        // A lead is refused only for the state, never for who they are.
        if (!asLead.ok) expect(asLead.code).toBe("wrong-state");
      }
    expect(canTransition("accepted", "reopen", reviewer)).toMatchObject({ ok: false, code: "not-assignee" });
    expect(canTransition("accepted", "reopen", lead)).toEqual({ ok: true, to: "in-review" });
  });

  it("refuses moves from the wrong state, naming the states that allow it", () => {
    const v = canTransition("submitted", "submit", labeler);
    expect(v).toMatchObject({ ok: false, code: "wrong-state" });
    if (!v.ok) expect(v.message).toMatch(/submitted.*todo, labeling, rework/);
    expect(canTransition("labeling", "accept", reviewer)).toMatchObject({ ok: false, code: "wrong-state" });
    expect(canTransition("rejected", "submit", labeler)).toMatchObject({ ok: false, code: "wrong-state" });
  });

  it("lists what each person may do now", () => {
    expect(availableActions("submitted", labeler)).toEqual(["withdraw"]);
    expect(availableActions("submitted", reviewer)).toEqual(["start-review"]);
    expect(availableActions("in-review", reviewer)).toEqual(["accept", "reject"]);
    expect(availableActions("accepted", reviewer)).toEqual([]);
    expect(availableActions("accepted", lead)).toEqual(["reopen"]);
  });
});

describe("edit locks and legacy states", () => {
  it("the labeler edits until submitting and again after a rejection; the reviewer only in review", () => {
    expect(TASK_STATES.filter(labelerMayEdit)).toEqual(["todo", "labeling", "rejected", "rework"]);
    expect(TASK_STATES.filter(reviewerMayEdit)).toEqual(["in-review"]);
  });
  it("maps the states stored before the workflow", () => {
    expect(["labeling", "review", "done", "rework", "bogus"].map(taskStateFromLegacy)).toEqual([
      "labeling",
      "in-review",
      "accepted",
      "rework",
      "labeling",
    ]);
  });
});
