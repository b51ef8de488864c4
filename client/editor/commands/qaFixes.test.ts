import { describe, expect, it } from "vitest";
import type { Cuboid } from "../../../core/model/Cuboid";
import type { QaFinding } from "../../../core/qa/QaFinding";
import { buildFrameIndex } from "../../../core/pointcloud/FrameIndex";
import { makeCuboid } from "../test/makeCuboid";
import { makeEditor } from "../test/makeEditor";
import { loadSnapshot } from "./loadSnapshot";
import { applyQaFix } from "./qaFixes";
import { undo } from "./undoRedo";
import { must } from "../../../core/model/must";

const finding = (over: Partial<QaFinding>): QaFinding => ({
  kind: "heading-flip",
  severity: "error",
  frameIndex: 1,
  trackId: "1",
  boxId: "b1",
  code: "headingFlipVsTrack",
  values: { deg: 180 },
  message: "",
  fix: "flip-heading",
  ...over,
});

function editorWith(cuboids: Cuboid[]) {
  const editor = makeEditor(3);
  loadSnapshot(editor, {
    cuboids,
    tracks: [...new Set(cuboids.map((c) => c.trackId))].map((trackId) => ({
      trackId,
      className: "Car",
      attributes: {},
    })),
  });
  return editor;
}

describe("applyQaFix", () => {
  it("flips a heading as one undoable step, stamped qa-fix with the author", () => {
    const editor = editorWith(
      [0, 1, 2].map((k) => makeCuboid({ id: `b${k}`, frameIndex: k, yawRad: k === 1 ? Math.PI : 0 })),
    );
    expect(applyQaFix(editor, finding({}))).toBe(true);
    const fixed = must(editor.store.get().cuboids.get("b1"), "box b1");
    expect([fixed.yawRad, fixed.provenance, fixed.updatedBy]).toEqual([0, "qa-fix", "tester"]);
    expect(editor.store.get().notice).toMatch(/QA fix \(.+\): Turned the box 180°/);
    expect(undo(editor)).toBe(true);
    expect(editor.store.get().cuboids.get("b1")?.yawRad).toBe(Math.PI);
    expect(undo(editor)).toBe(false);
  });

  it("deletes a duplicate and its one-box track together, in one step", () => {
    const editor = editorWith([makeCuboid({ id: "orig" }), makeCuboid({ id: "copy", trackId: "2" })]);
    applyQaFix(
      editor,
      finding({ kind: "duplicate", frameIndex: 0, trackId: "2", boxId: "copy", fix: "delete-duplicate" }),
    );
    expect([...editor.store.get().cuboids.keys()]).toEqual(["orig"]);
    expect(editor.store.get().tracks.has("2")).toBe(false);
    undo(editor);
    expect(editor.store.get().tracks.has("2")).toBe(true);
    expect(editor.store.get().cuboids.has("copy")).toBe(true);
  });

  it("fills a gap with a new interpolated box, and says so when a fix no longer applies", () => {
    const editor = editorWith(
      [0, 2].map((k) => makeCuboid({ id: `b${k}`, frameIndex: k, centerM: { x: k, y: 0, z: 0 } })),
    );
    applyQaFix(editor, finding({ kind: "missing-frame", boxId: null, fix: "fill-gap" }));
    const filled = must(
      [...editor.store.get().cuboids.values()].find((c) => c.frameIndex === 1),
      "the box filled in at frame 1",
    );
    expect([filled.id, filled.provenance, filled.centerM.x]).toEqual(["id-0001", "interpolated", 1]);
    expect(applyQaFix(editor, finding({ boxId: "gone" }))).toBe(false);
    expect(editor.store.get().notice).toMatch(/No fix/);
  });

  it("unifies a track's size, re-aims a heading and snaps a floating box: each one step with provenance, undone whole", () => {
    // Track 1 moves +x at 10 m/s; box b1 is 30% too long and turned 30°; box b2 floats 1 m up.
    const editor = editorWith(
      [0, 1, 2].map((k) =>
        makeCuboid({
          id: `b${k}`,
          frameIndex: k,
          centerM: { x: k, y: 0, z: k === 2 ? 2 : 1 },
          size: { lengthM: k === 1 ? 5.2 : 4, widthM: 2, heightM: 2 },
          yawRad: k === 1 ? Math.PI / 6 : 0,
        }),
      ),
    );
    const before = [...editor.store.get().cuboids.values()];
    const ground: number[] = [];
    for (let x = -6; x <= 10; x += 0.5) for (let y = -6; y <= 6; y += 0.5) ground.push(x, y, 0);
    const positions = Float32Array.from(ground);
    const index = buildFrameIndex({
      pointCount: positions.length / 3,
      positions,
      originM: { x: 0, y: 0, z: 0 },
      attributes: {},
    });
    const fixes: Array<Partial<QaFinding>> = [
      { kind: "size-change", boxId: "b1", fix: "unify-size" },
      { kind: "heading-off", boxId: "b1", fix: "heading-to-motion" },
      { kind: "floating", frameIndex: 2, boxId: "b2", fix: "snap-to-ground" },
    ];
    for (const over of fixes) expect(applyQaFix(editor, finding(over), () => index)).toBe(true);
    const after = editor.store.get().cuboids;
    expect([...after.values()].map((c) => c.size.lengthM)).toEqual([4, 4, 4]);
    expect(after.get("b1")?.yawRad).toBeCloseTo(0, 6);
    expect(after.get("b2")?.centerM.z).toBeCloseTo(1, 6);
    expect(["b0", "b1", "b2"].map((id) => [after.get(id)?.provenance, after.get(id)?.updatedBy])).toEqual([
      ["qa-fix", "tester"],
      ["qa-fix", "tester"],
      ["qa-fix", "tester"],
    ]);
    // Three fixes, three undo steps, and the labels as they were.
    for (let i = 0; i < 3; i++) expect(undo(editor)).toBe(true);
    expect(undo(editor)).toBe(false);
    expect([...editor.store.get().cuboids.values()]).toEqual(before);
  });
});
