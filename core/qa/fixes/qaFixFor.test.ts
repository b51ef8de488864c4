import { describe, expect, it } from "vitest";
import { IDENTITY_POSE } from "../../geometry/pose";
import type { Cuboid } from "../../model/Cuboid";
import type { QaFinding } from "../QaFinding";
import type { QaBox } from "../QaInput";
import { runQaChecks } from "../runQaChecks";
import { edit, GROUND_Z, makeQaScene } from "../test/makeQaScene";
import { qaFixFor } from "./qaFixFor";
import { must } from "../../model/must";

const scene = makeQaScene();
const cuboidsOf = (boxes: QaBox[]): Cuboid[] =>
  boxes.map((b) => ({
    ...b,
    attributes: { ...b.attributes },
    pitchRad: 0,
    rollRad: 0,
    provenance: "human",
    updatedBy: "t",
  }));
const frames = Array.from({ length: 10 }, (_, k) => ({
  frameIndex: k,
  timestampS: k * 0.1,
  worldFromLidar: IDENTITY_POSE,
}));
const input = scene.input([]);

/** Runs the checks on `boxes`, applies the fix of the finding of `kind`, and runs the checks again. */
function fixOne(boxes: QaBox[], kind: QaFinding["kind"]) {
  const finding = runQaChecks(scene.input(boxes)).find((f) => f.kind === kind);
  if (!finding) throw new Error(`no ${kind} finding`);
  const cuboids = cuboidsOf(boxes);
  const change = qaFixFor(finding, { cuboids, frames, points: input.points, newId: () => "new" });
  if (!change) throw new Error(`no fix for ${kind}`);
  const after = [
    ...cuboids.filter((c) => !change.deleteIds.includes(c.id) && !change.put.some((p) => p.id === c.id)),
    ...change.put,
  ];
  return { change, after, findings: runQaChecks(scene.input(after)) };
}

describe("qaFixFor", () => {
  it("flip-heading turns the box back and the finding goes", () => {
    const { change, findings } = fixOne(
      edit(scene.boxes, "4/moving", () => ({ yawRad: Math.PI })),
      "heading-flip",
    );
    expect(change.put.map((c) => [c.id, c.yawRad, c.provenance])).toEqual([["4/moving", 0, "qa-fix"]]);
    expect(findings).toEqual([]);
  });

  it("heading-to-motion turns a box off by 30° back to its track", () => {
    const { change, findings } = fixOne(
      edit(scene.boxes, "4/moving", () => ({ yawRad: 0.52 })),
      "heading-off",
    );
    expect(must(change.put[0], "a put cuboid").yawRad).toBeCloseTo(0, 6);
    expect(findings).toEqual([]);
  });

  it("unify-size gives the track its median size, bottoms kept", () => {
    const grown = edit(scene.boxes, "5/parked", (b) => ({
      size: { lengthM: 6, widthM: 2.5, heightM: 2.1 },
      centerM: { ...b.centerM, z: GROUND_Z + 1.05 },
    }));
    const { change, findings } = fixOne(grown, "size-change");
    expect(change.put).toHaveLength(10);
    const fixed = must(
      change.put.find((c) => c.id === "5/parked"),
      "box 5/parked put",
    );
    expect(fixed.size).toEqual(must(scene.boxes[1], "the scene's second box").size);
    expect(fixed.centerM.z).toBeCloseTo(GROUND_Z + 0.8, 6);
    expect(findings).toEqual([]);
  });

  it("fill-gap puts an interpolated box in the missing frame, and a jumped box back on its path", () => {
    const gap = fixOne(
      scene.boxes.filter((b) => b.id !== "5/moving"),
      "missing-frame",
    );
    expect(gap.change.put.map((c) => [c.id, c.frameIndex, c.trackId, c.provenance])).toEqual([
      ["new", 5, "moving", "interpolated"],
    ]);
    expect(must(gap.change.put[0], "the filled box").centerM.x).toBeCloseTo(0, 6);
    expect(gap.findings).toEqual([]);
    const jump = fixOne(
      edit(scene.boxes, "5/moving", (b) => ({ centerM: { ...b.centerM, y: 13 } })),
      "position-jump",
    );
    expect(must(jump.change.put[0], "the jump's fixed box").id).toBe("5/moving");
    expect(must(jump.change.put[0], "the jump's fixed box").centerM.y).toBeCloseTo(12, 6);
    expect(jump.findings).toEqual([]);
  });

  it("delete-duplicate removes the copy only", () => {
    const copy = { ...must(scene.boxes[4], "the scene's fifth box"), id: "copy", trackId: "copy" };
    const { change, findings } = fixOne([...scene.boxes, copy], "duplicate");
    expect(change).toMatchObject({ put: [], deleteIds: ["copy"] });
    expect(findings).toEqual([]);
  });

  it("snap-to-ground sets a floating box on the ground; no points, no fix", () => {
    const lifted = edit(scene.boxes, "3/parked", (b) => ({ centerM: { ...b.centerM, z: b.centerM.z + 1 } }));
    const { change, findings } = fixOne(lifted, "floating");
    expect(must(change.put[0], "the snapped box").centerM.z).toBeCloseTo(GROUND_Z + 0.8, 1);
    expect(findings).toEqual([]);
    const finding = must(
      runQaChecks(scene.input(lifted)).find((f) => f.kind === "floating"),
      "a floating finding",
    );
    expect(qaFixFor(finding, { cuboids: cuboidsOf(lifted), frames, newId: () => "x" })).toBeNull();
  });
});
