import { describe, expect, it } from "vitest";
import type { TaskRow } from "../accounts/tasks";
import type { Principal } from "../auth/Principal";
import { notReviewerReply, outsideTaskFrames } from "./reviewTargets";

const task = { reviewer_id: "rev" } as TaskRow;
const who = (userId: string) => ({ userId }) as Principal;

describe("review targets", () => {
  it("lets the task's reviewer, admins and leads judge; refuses others, naming the act", () => {
    expect(notReviewerReply(task, who("rev"), "reviewer", "pin issues")).toBeNull();
    expect(notReviewerReply(task, who("x"), "lead", "pin issues")).toBeNull();
    expect(notReviewerReply(task, who("x"), "admin", "pin issues")).toBeNull();
    expect(notReviewerReply(task, who("x"), "reviewer", "pin issues")).toEqual({
      error: "not-assignee",
      message: "only the task's reviewer or a project lead may pin issues",
    });
    expect(notReviewerReply(task, who("x"), "annotator", "judge its boxes")?.message).toContain(
      "judge its boxes",
    );
  });

  it("accepts frames inside the inclusive range and names the range otherwise", () => {
    const range = { start: 3, end: 7 };
    expect(outsideTaskFrames(range, 3, "anchor")).toBeNull();
    expect(outsideTaskFrames(range, 7, "anchor")).toBeNull();
    expect(outsideTaskFrames(range, 8, "anchor: frame 8")).toBe(
      "anchor: frame 8 is outside the task's frames 3–7",
    );
    expect(outsideTaskFrames(range, 2, "x")).not.toBeNull();
  });
});
