import { describe, expect, it } from "vitest";
import type { TaskDetailJson } from "../../core/api/review";
import type { TaskState } from "../../core/review/TaskState";
import { editLockFor, reviewFrames } from "./createWorkspaceReview";

const task = (state: TaskState, extra: Partial<TaskDetailJson> = {}): TaskDetailJson => ({
  id: "t",
  projectId: "p",
  sequenceId: "s",
  name: "T",
  frameStart: 10,
  frameEnd: 29,
  labelerId: "u1",
  reviewerId: "u2",
  state,
  samplePercent: 100,
  maxRejectedPercent: 10,
  createdAt: "2026-01-01T00:00:00.000Z",
  sequenceName: "S",
  labelerName: "ann",
  reviewerName: "rev",
  actions: [],
  ...extra,
});

describe("the workspace's edit lock mirrors the server's", () => {
  it("locks the labeler while the task is submitted, in review or accepted, not in labeling or rework", () => {
    for (const s of ["submitted", "in-review", "accepted"] as const)
      expect(editLockFor(task(s), "ann")).not.toBeNull();
    for (const s of ["todo", "labeling", "rejected", "rework"] as const)
      expect(editLockFor(task(s), "ann")).toBeNull();
  });
  it("lets the reviewer correct boxes only in review; a third person is not locked here", () => {
    expect(editLockFor(task("in-review"), "rev")).toBeNull();
    expect(editLockFor(task("labeling"), "rev")).not.toBeNull();
    expect(editLockFor(task("submitted"), "lead")).toBeNull();
  });
});

describe("review frames", () => {
  it("are the task's range, sampled evenly", () => {
    expect([...reviewFrames(task("in-review"), 100)]).toHaveLength(20);
    expect([...reviewFrames(task("in-review", { samplePercent: 10 }), 100)]).toEqual([15, 25]);
    expect([...reviewFrames(task("in-review", { frameStart: null, frameEnd: null }), 4)]).toEqual([
      0, 1, 2, 3,
    ]);
  });
});
