import { describe, expect, it } from "vitest";
import { DEFAULT_ERROR_TYPES, errorTypeListSchema, errorTypeSchema } from "./ErrorType";
import { canChangeIssue, issueAnchorSchema, issueInputSchema } from "./ReviewIssue";

const labeler = { role: "annotator", isLabeler: true, isReviewer: false };
const reviewer = { role: "reviewer", isLabeler: false, isReviewer: true };

describe("review issues", () => {
  it("open → resolved by the labeler → reopened by the reviewer → resolved → verified", () => {
    expect(canChangeIssue("open", "resolve", labeler)).toEqual({ ok: true, to: "resolved" });
    expect(canChangeIssue("resolved", "reopen", reviewer)).toEqual({ ok: true, to: "reopened" });
    expect(canChangeIssue("reopened", "resolve", labeler)).toEqual({ ok: true, to: "resolved" });
    expect(canChangeIssue("resolved", "verify", reviewer)).toEqual({ ok: true, to: "verified" });
    expect(canChangeIssue("verified", "reopen", reviewer)).toEqual({ ok: true, to: "reopened" });
  });
  it("refuses the other side and the wrong state", () => {
    expect(canChangeIssue("resolved", "verify", labeler)).toMatchObject({ ok: false, code: "not-assignee" });
    expect(canChangeIssue("open", "resolve", reviewer)).toMatchObject({ ok: false, code: "not-assignee" });
    expect(canChangeIssue("open", "verify", reviewer)).toMatchObject({ ok: false, code: "wrong-state" });
    expect(
      canChangeIssue("open", "verify", { role: "lead", isLabeler: false, isReviewer: false }),
    ).toMatchObject({
      ok: false,
      code: "wrong-state",
    });
    expect(canChangeIssue("open", "resolve", { role: "lead", isLabeler: false, isReviewer: false })).toEqual({
      ok: true,
      to: "resolved",
    });
  });
  it("anchors to a box, a track at a frame, or a point at a frame", () => {
    expect(issueAnchorSchema.safeParse({ kind: "box", cuboidId: "c1" }).success).toBe(true);
    expect(issueAnchorSchema.safeParse({ kind: "track", trackId: "7", frameIndex: 3 }).success).toBe(true);
    expect(
      issueAnchorSchema.safeParse({ kind: "point", pointM: { x: 1, y: 2, z: 0.5 }, frameIndex: 0 }).success,
    ).toBe(true);
    expect(
      issueAnchorSchema.safeParse({ kind: "point", pointM: { x: 1, y: 2 }, frameIndex: 0 }).success,
    ).toBe(false);
    expect(issueInputSchema.safeParse({ anchor: { kind: "box", cuboidId: "c1" }, body: "  " }).success).toBe(
      false,
    );
  });
});

describe("error types", () => {
  it("codes are lower-case words joined by '-'", () => {
    expect(errorTypeSchema.safeParse({ code: "box-too-loose", label: "Box too loose" }).success).toBe(true);
    expect(errorTypeSchema.safeParse({ code: "Box Too Loose", label: "x" }).success).toBe(false);
    expect(errorTypeListSchema.safeParse(DEFAULT_ERROR_TYPES).success).toBe(true);
    expect(DEFAULT_ERROR_TYPES.map((e) => e.code)).toContain("wrong-track-id");
    expect(errorTypeListSchema.safeParse([DEFAULT_ERROR_TYPES[0], DEFAULT_ERROR_TYPES[0]]).success).toBe(
      false,
    );
  });
});
