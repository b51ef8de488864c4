import { describe, expect, it } from "vitest";
import type { Cuboid } from "../model/Cuboid";
import { boxDifference } from "./boxDifference";
import type { BoxVerdict } from "./BoxVerdict";
import { diffSnapshots, summariseByAuthor, summariseChanges } from "./diffSnapshots";
import { evaluateAcceptance } from "./evaluateAcceptance";
import { orderReviewQueue } from "./orderReviewQueue";
import { sampleFrames } from "./sampleFrames";

const box = (id: string, frameIndex: number, patch: Partial<Cuboid> = {}): Cuboid => ({
  id,
  frameIndex,
  trackId: `t-${id}`,
  centerM: { x: 10, y: 0, z: 1 },
  size: { lengthM: 4, widthM: 2, heightM: 1.5 },
  yawRad: 0,
  pitchRad: 0,
  rollRad: 0,
  className: "Car",
  attributes: {},
  provenance: "human",
  updatedBy: "ann",
  ...patch,
});

describe("boxDifference", () => {
  it("measures BEV IoU, centre distance, heading and size change", () => {
    const a = box("a", 0);
    expect(boxDifference(a, a)).toEqual({ bevIou: 1, centerDistanceM: 0, headingDiffDeg: 0, sizeDiffM: 0 });
    // Shifted by 1 m along the 4 m length: overlap 3×2 over union 10 → 0.6.
    const d = boxDifference(a, { ...a, centerM: { x: 11, y: 0, z: 1 } });
    expect(d.bevIou).toBeCloseTo(0.6, 9);
    expect(d.centerDistanceM).toBeCloseTo(1, 9);
    expect(boxDifference(a, { ...a, yawRad: Math.PI }).headingDiffDeg).toBeCloseTo(180, 9);
    expect(boxDifference(a, { ...a, yawRad: -0.1 + 2 * Math.PI }).headingDiffDeg).toBeCloseTo(5.7296, 3);
    expect(
      boxDifference(a, { ...a, size: { lengthM: 4.3, widthM: 2.4, heightM: 1.5 } }).sizeDiffM,
    ).toBeCloseTo(0.5, 9);
  });
});

describe("diffSnapshots", () => {
  it("matches boxes by id, per box and summed per task and per author", () => {
    const before = [box("a", 0), box("b", 1, { updatedBy: "bob" }), box("gone", 2)];
    const after = [
      box("a", 0, { centerM: { x: 11, y: 0, z: 1 }, updatedBy: "rev" }),
      box("b", 1, { updatedBy: "bob" }),
      box("new", 2, { updatedBy: "rev" }),
    ];
    const changes = diffSnapshots(before, after);
    expect(changes.map((c) => [c.cuboidId, c.change])).toEqual([
      ["a", "changed"],
      ["b", "unchanged"],
      ["gone", "removed"],
      ["new", "added"],
    ]);
    const s = summariseChanges(changes);
    expect(s).toMatchObject({ boxes: 4, changed: 1, unchanged: 1, removed: 1, added: 1 });
    expect(s.meanBevIou).toBeCloseTo(0.8, 9);
    expect(s.minBevIou).toBeCloseTo(0.6, 9);
    expect(s.maxCenterDistanceM).toBeCloseTo(1, 9);
    const byAuthor = summariseByAuthor(changes);
    expect(Object.keys(byAuthor)).toEqual(["ann", "bob", "rev"]);
    expect(byAuthor.ann).toMatchObject({ changed: 1, removed: 1 });
    expect(byAuthor.rev).toMatchObject({ added: 1, meanBevIou: null });
    expect(diffSnapshots(before, after, (f) => f === 1).map((c) => c.cuboidId)).toEqual(["b"]);
  });
});

describe("orderReviewQueue", () => {
  it("machine-made untouched first, then machine-flagged, then QA findings, then the rest; stable within groups", () => {
    const cuboids = [
      box("h2", 2),
      box("qa", 1),
      box("flag", 3, { provenance: "propagated", needsReview: "jump" }),
      box("m1", 4, { provenance: "auto-fit" }),
      box("h1", 0),
      box("m0", 0, { provenance: "interpolated" }),
    ];
    const findings = [
      { boxId: "qa", kind: "loose-box" },
      { boxId: "qa", kind: "loose-box" },
      { boxId: null, kind: "missing-frame" },
    ];
    const q = orderReviewQueue(cuboids, findings);
    expect(q.map((i) => [i.cuboidId, i.group])).toEqual([
      ["m0", "machine-untouched"],
      ["m1", "machine-untouched"],
      ["flag", "machine-flagged"],
      ["qa", "qa-finding"],
      ["h1", "rest"],
      ["h2", "rest"],
    ]);
    expect(q[2]?.needsReview).toBe("jump");
    expect(q[3]?.qaKinds).toEqual(["loose-box"]);
    expect(orderReviewQueue([...cuboids].reverse(), findings)).toEqual(q);
    expect(orderReviewQueue(cuboids, findings, new Set([0, 3])).map((i) => i.cuboidId)).toEqual([
      "m0",
      "flag",
      "h1",
    ]);
  });
});

describe("sampling and the acceptance rule", () => {
  it("spreads a sample evenly, at least one frame", () => {
    expect(sampleFrames(0, 99, 10)).toEqual([5, 15, 25, 35, 45, 55, 65, 75, 85, 95]);
    expect(sampleFrames(10, 14, 100)).toEqual([10, 11, 12, 13, 14]);
    expect(sampleFrames(0, 2, 1)).toEqual([1]);
    expect(sampleFrames(0, 9, 25)).toEqual([1, 5, 8]);
    expect(sampleFrames(3, 2, 50)).toEqual([]);
  });
  it("refuses acceptance when more than N % of sampled boxes are rejected; the newest verdict counts", () => {
    const v = (
      id: string,
      target: BoxVerdict["target"],
      verdict: "accepted" | "rejected",
      at: string,
    ): BoxVerdict => ({
      id,
      taskId: "t",
      target,
      verdict,
      reasonCode: verdict === "rejected" ? "wrong-heading" : null,
      note: null,
      reviewerId: "r",
      reviewerName: "r",
      revision: 1,
      createdAt: at,
    });
    const boxes = [0, 1, 2, 3].map((i) => ({ id: `b${i}`, trackId: i < 2 ? "T" : `u${i}` }));
    const verdicts = [
      v("1", { kind: "track", trackId: "T" }, "accepted", "2026-01-01T00:00:01Z"),
      v(
        "2",
        { kind: "box", cuboidId: "b1", trackId: "T", frameIndex: 1 },
        "rejected",
        "2026-01-01T00:00:02Z",
      ),
      v(
        "3",
        { kind: "box", cuboidId: "b2", trackId: "u2", frameIndex: 2 },
        "rejected",
        "2026-01-01T00:00:03Z",
      ),
      v(
        "4",
        { kind: "box", cuboidId: "b2", trackId: "u2", frameIndex: 2 },
        "accepted",
        "2026-01-01T00:00:04Z",
      ),
    ];
    const e = evaluateAcceptance(boxes, verdicts, 20);
    expect(e).toEqual({
      sampledBoxes: 4,
      accepted: 2,
      rejected: 1,
      unjudged: 1,
      rejectedPercent: 25,
      maxRejectedPercent: 20,
      pass: false,
    });
    expect(evaluateAcceptance(boxes, verdicts, 25).pass).toBe(true);
    expect(evaluateAcceptance([], verdicts, 0).pass).toBe(true);
  });
});
