import { describe, expect, it } from "vitest";
import { qaConfigSchema } from "./QaConfig";
import type { QaFinding, QaKind } from "./QaFinding";
import type { QaBox, QaInput } from "./QaInput";
import { qaMessageText } from "./qaMessages";
import { runQaChecks } from "./runQaChecks";
import { edit, makeQaScene } from "./test/makeQaScene";
import { must } from "../model/must";

const scene = makeQaScene();
/** The same scene labelled at keyframes 1.5 s apart (SUSTechPOINTS-like): paths bend freely between them. */
const sparse = (boxes: QaBox[]): QaInput => {
  const input = scene.input(boxes);
  return { ...input, frames: input.frames.map((f, k) => ({ ...f, timestampS: k * 1.5 })) };
};
const kinds = (findings: QaFinding[]) =>
  [...new Set(findings.map((f) => `${f.kind} ${f.frameIndex}/${f.trackId}`))].sort();
const only = (findings: QaFinding[], kind: QaKind) => findings.filter((f) => f.kind === kind);

describe("QA checks between sparse keyframes and on small or short objects", () => {
  it("finds nothing in correct labels 1.5 s apart", () => {
    expect(runQaChecks(sparse(scene.boxes))).toEqual([]);
  });

  it("position-jump: a walker moved 1 m between keyframes 1.5 s apart left its points behind", () => {
    // The path test alone allows 3 m/s² over 1.5 s gaps (3.4 m): the points decide.
    const jumped = edit(scene.boxes, "5/walker", (b) => ({ centerM: { ...b.centerM, y: b.centerM.y + 1 } }));
    const f = only(runQaChecks(sparse(jumped)), "position-jump");
    expect(f.map((x) => [x.frameIndex, x.trackId, x.code, x.fix])).toEqual([
      [5, "walker", "positionJumpOffObject", "fill-gap"],
    ]);
  });

  it("floating: a box lifted 0.8 m over its object, beyond the ground check's range, by the points under it", () => {
    const config = qaConfigSchema.parse({ floating: { maxRangeM: 1 } });
    const lifted = edit(scene.boxes, "3/parked", (b) => ({
      centerM: { ...b.centerM, z: b.centerM.z + 0.8 },
    }));
    const f = only(runQaChecks(scene.input(lifted), config), "floating");
    expect(f.map((x) => [x.frameIndex, x.trackId, x.code, x.fix])).toEqual([
      [3, "parked", "floatingOverObject", "snap-to-ground"],
    ]);
    expect(only(runQaChecks(scene.input(scene.boxes), config), "floating")).toEqual([]);
  });

  it("size-change: a 0.4 m cone scaled ×1.28 as a whole, though no dimension changes by 0.25 m", () => {
    const cone = (k: number, scale = 1): QaBox => ({
      id: `${k}/cone`,
      trackId: "cone",
      frameIndex: k,
      className: "Cone",
      attributes: {},
      centerM: { x: 3, y: -3, z: -1.45 },
      size: { lengthM: 0.4 * scale, widthM: 0.4 * scale, heightM: 0.7 * scale },
      yawRad: 0,
    });
    const boxes = [0, 1, 2, 3, 4].map((k) => cone(k, k === 2 ? 1.28 : 1));
    const input = { ...scene.input(boxes), points: undefined };
    expect(kinds(runQaChecks(input))).toEqual(["size-change 2/cone"]);
    const noisy = [0, 1, 2, 3, 4].map((k) => cone(k, k === 2 ? 1.1 : 1));
    expect(runQaChecks({ ...input, boxes: noisy })).toEqual([]);
  });

  it("heading-flip: a track of two boxes 180° apart flags both (nothing says which turned)", () => {
    const two = scene.boxes.filter((b) => b.trackId === "parked" && b.frameIndex < 2);
    const flipped = edit(two, "1/parked", (b) => ({ yawRad: b.yawRad + Math.PI }));
    const input = { ...scene.input(flipped), points: undefined };
    expect(kinds(runQaChecks(input))).toEqual(["heading-flip 0/parked", "heading-flip 1/parked"]);
  });

  it("heading-off: a walker labelled 30° off its motion all along is its track's habit; one box 30° more is not", () => {
    const biased = scene.boxes.map((b) => (b.trackId === "walker" ? { ...b, yawRad: 0.52 } : b));
    expect(only(runQaChecks(scene.input(biased)), "heading-off")).toEqual([]);
    const turned = edit(biased, "5/walker", (b) => ({ yawRad: b.yawRad + 0.52 }));
    expect(kinds(only(runQaChecks(scene.input(turned)), "heading-off"))).toEqual(["heading-off 5/walker"]);
  });

  it("id-swap: a car and a walker swapping ids after one keyframe, told by their looks, without echoes", () => {
    const swapped = scene.boxes.map((b) =>
      b.frameIndex >= 1 && (b.trackId === "parked" || b.trackId === "walker")
        ? { ...b, trackId: b.trackId === "parked" ? "walker" : "parked" }
        : b,
    );
    const f = runQaChecks({ ...sparse(swapped), points: undefined });
    expect(kinds(f)).toEqual(["id-swap 1/parked", "id-swap 1/walker"]);
    expect(must(f[0], "an id-swap finding").code).toBe("idSwapLook");
  });

  it("every finding's English message is its code's template filled with its values", () => {
    let boxes = edit(scene.boxes, "5/walker", (b) => ({ centerM: { ...b.centerM, y: b.centerM.y + 1 } }));
    boxes = edit(boxes, "3/parked", (b) => ({ centerM: { ...b.centerM, z: b.centerM.z + 1 } }));
    boxes = edit(boxes, "6/moving", (b) => ({ yawRad: b.yawRad + Math.PI, className: "Truck" }));
    boxes = edit(boxes, "2/parked", (b) => ({ size: { ...b.size, lengthM: 15 } }));
    boxes = boxes.filter((b) => b.id !== "8/parked");
    const findings = runQaChecks(scene.input(boxes));
    expect(new Set(findings.map((f) => f.code)).size).toBeGreaterThan(5);
    for (const f of findings) expect(f.message).toBe(qaMessageText(f.code, f.values));
  });
});
