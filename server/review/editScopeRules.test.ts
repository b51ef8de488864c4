import { describe, expect, it } from "vitest";
import type { AnnotationBatch, AnnotationOperation } from "../../core/api/annotationBatch";
import type { Cuboid } from "../../core/model/Cuboid";
import type { Principal } from "../auth/Principal";
import { taskScopeProblem } from "../auth/taskScopeProblem";
import type { EditScope, ScopeTask } from "../store/readEditScope";
import { editLockProblem } from "./editLockProblem";

// The task-scope (403) and edit-lock (409) rules over one read of the tasks and boxes: the cases
// the two checks' separate reads decided before they shared one.
const me: Principal = {
  userId: "u-me",
  username: "me",
  displayName: "Me",
  isAdmin: false,
  via: "token",
  credential: "c",
};
const task = (over: Partial<ScopeTask>): ScopeTask => ({
  name: "T",
  state: "labeling",
  frameStart: 0,
  frameEnd: 4,
  labelerId: me.userId,
  reviewerId: "u-rev",
  ...over,
});
const put = (id: string, frameIndex: number): AnnotationOperation => ({
  op: "putCuboid",
  cuboid: { id, frameIndex, trackId: `t-${id}` } as Cuboid,
});
const batch = (...operations: AnnotationOperation[]): AnnotationBatch =>
  ({ batchId: "b", baseRevision: 1, operations }) as AnnotationBatch;
const scope = (tasks: ScopeTask[], over: Partial<EditScope> = {}): EditScope => ({
  tasks,
  boxesById: [],
  boxesOfTracks: [],
  ...over,
});

describe("task scope", () => {
  it("admits admins and leads without a read, refuses roles that may not edit", () => {
    expect(taskScopeProblem(me, "lead", "s", batch(put("a", 99)), null)).toBeNull();
    expect(taskScopeProblem(me, "admin", "s", batch(put("a", 99)), null)).toBeNull();
    expect(taskScopeProblem(me, "viewer", "s", batch(put("a", 0)), null)).toBe(
      "a viewer may not edit annotations",
    );
  });

  it("keeps annotators to their own tasks' frames, where a box goes and where it was", () => {
    const others = task({ labelerId: "u-other", frameStart: 5, frameEnd: 9 });
    expect(taskScopeProblem(me, "annotator", "s", batch(put("a", 0)), scope([others]))).toBe(
      "no task on sequence s is assigned to you",
    );
    const mine = scope([task({}), others]);
    expect(taskScopeProblem(me, "annotator", "s", batch(put("a", 4)), mine)).toBeNull();
    expect(taskScopeProblem(me, "annotator", "s", batch(put("a", 5)), mine)).toBe(
      "cuboid a: frame 5 is outside the frames of your tasks",
    );
    // Moved in from frame 7, or deleted on frame 7: both touch a frame outside.
    const was7 = scope([task({})], { boxesById: [{ id: "a", trackId: "t", frameIndex: 7 }] });
    expect(taskScopeProblem(me, "annotator", "s", batch(put("a", 1)), was7)).toMatch(/frame 7 is outside/);
    expect(taskScopeProblem(me, "annotator", "s", batch({ op: "deleteCuboid", id: "a" }), was7)).toMatch(
      /cuboid a: frame 7/,
    );
    // A whole-sequence task covers every frame; a range missing its end covers none.
    expect(
      taskScopeProblem(me, "annotator", "s", batch(put("a", 50)), scope([task({ frameStart: null })])),
    ).toBeNull();
    expect(
      taskScopeProblem(me, "annotator", "s", batch(put("a", 0)), scope([task({ frameEnd: null })])),
    ).toMatch(/frame 0 is outside/);
  });

  it("keeps reviewers to the tasks they review, not the ones they label", () => {
    const s = scope([task({ labelerId: "u-rev", reviewerId: me.userId, frameStart: 2, frameEnd: 3 })]);
    expect(taskScopeProblem(me, "reviewer", "s", batch(put("a", 2)), s)).toBeNull();
    expect(taskScopeProblem(me, "reviewer", "s", batch(put("a", 1)), s)).toMatch(/frame 1 is outside/);
    expect(taskScopeProblem(me, "annotator", "s", batch(put("a", 2)), s)).toBe(
      "no task on sequence s is assigned to you",
    );
  });
});

describe("edit locks", () => {
  it("lock an annotator out of any task's frames while it is with the reviewer or accepted", () => {
    for (const state of ["submitted", "in-review", "accepted"] as const) {
      const s = scope([
        task({}),
        task({ name: "Other", labelerId: "u-other", frameStart: 5, frameEnd: 9, state }),
      ]);
      expect(editLockProblem(me, "annotator", batch(put("a", 4)), s)).toBeNull();
      expect(editLockProblem(me, "annotator", batch(put("a", 6)), s)).toEqual({
        error: "task-locked",
        message: `frame 6: task "Other" is ${state}; edits wait until it comes back from review (rejected or rework)`,
      });
    }
    for (const state of ["todo", "labeling", "rejected", "rework"] as const)
      expect(editLockProblem(me, "annotator", batch(put("a", 0)), scope([task({ state })]))).toBeNull();
  });

  it("reach the frames a box came from and every frame of a track the batch changes", () => {
    const s = (over: Partial<EditScope>) =>
      scope([task({ frameStart: 3, frameEnd: 3, state: "accepted" })], over);
    const box3 = [{ id: "a", trackId: "t", frameIndex: 3 }];
    expect(editLockProblem(me, "annotator", batch(put("a", 0)), s({ boxesById: box3 }))?.message).toMatch(
      /^frame 3:/,
    );
    expect(
      editLockProblem(me, "annotator", batch({ op: "deleteTrack", trackId: "t" }), s({ boxesOfTracks: box3 }))
        ?.message,
    ).toMatch(/^frame 3:/);
    expect(editLockProblem(me, "annotator", batch({ op: "deleteTrack", trackId: "t" }), s({}))).toBeNull();
    // A task missing its end covers its start frame only; a whole-sequence task covers all.
    expect(
      editLockProblem(
        me,
        "annotator",
        batch(put("a", 3)),
        scope([task({ frameEnd: null, frameStart: 3, state: "submitted" })]),
      ),
    ).not.toBeNull();
    expect(
      editLockProblem(
        me,
        "annotator",
        batch(put("a", 40)),
        scope([task({ frameStart: null, state: "submitted" })]),
      ),
    ).not.toBeNull();
  });

  it("let a reviewer correct boxes only while their task is in review; leads and admins always", () => {
    const s = (state: ScopeTask["state"]) => scope([task({ reviewerId: me.userId, state })]);
    expect(editLockProblem(me, "reviewer", batch(put("a", 1)), s("in-review"))).toBeNull();
    expect(editLockProblem(me, "reviewer", batch(put("a", 1)), s("submitted"))).toEqual({
      error: "task-locked",
      message: 'frame 1: task "T" is submitted; a reviewer corrects boxes only while the task is in review',
    });
    expect(editLockProblem(me, "lead", batch(put("a", 1)), null)).toBeNull();
    expect(editLockProblem(me, "admin", batch(put("a", 1)), null)).toBeNull();
  });
});
