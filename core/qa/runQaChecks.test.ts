import { describe, expect, it } from "vitest";
import { qaConfigSchema } from "./QaConfig";
import type { QaFinding, QaKind } from "./QaFinding";
import { runQaChecks } from "./runQaChecks";
import { edit, makeQaScene } from "./test/makeQaScene";
import { must } from "../model/must";

const scene = makeQaScene();
const run = (boxes = scene.boxes, config = qaConfigSchema.parse({})) =>
  runQaChecks(scene.input(boxes), config);
const kinds = (findings: QaFinding[]) =>
  [...new Set(findings.map((f) => `${f.kind} ${f.frameIndex}/${f.trackId}`))].sort();
const only = (findings: QaFinding[], kind: QaKind) => findings.filter((f) => f.kind === kind);

describe("runQaChecks", () => {
  it("finds nothing in correct labels", () => {
    expect(run()).toEqual([]);
  });

  it("few-points: flags an empty box the lidar sees through, not one with nothing behind it (amodal)", () => {
    const wall: number[] = [];
    for (let y = -3; y <= 3; y += 0.2) for (let z = -1.5; z <= 1; z += 0.2) wall.push(18, y, z);
    const walled = makeQaScene({ extraPoints: wall });
    const ghost = {
      ...must(scene.boxes[0], "the scene's first box"),
      id: "ghost",
      trackId: "ghost",
      centerM: { x: 14, y: 0, z: -1 },
    };
    expect(kinds(runQaChecks(walled.input([...walled.boxes, ghost])))).toContain("few-points 0/ghost");
    expect(only(run([...scene.boxes, ghost]), "few-points")).toEqual([]);
  });

  it("few-points: flags a box pushed off its object, holding far fewer points than its track's other boxes", () => {
    const pushed = run(
      edit(scene.boxes, "4/parked", (b) => ({ centerM: { ...b.centerM, x: b.centerM.x + 3.5 } })),
    );
    expect(only(pushed, "few-points").map((f) => [f.frameIndex, f.trackId, f.message])).toEqual([
      [4, "parked", expect.stringMatching(/neighbouring boxes hold about \d+/)],
    ]);
  });

  it("points-outside: flags a box narrower than its car; loose-box: flags a face far off the points", () => {
    const tight = run(edit(scene.boxes, "4/parked", (b) => ({ size: { ...b.size, widthM: 1.35 } })));
    expect(kinds(only(tight, "points-outside"))).toEqual(["points-outside 4/parked"]);
    const loose = run(edit(scene.boxes, "4/parked", (b) => ({ size: { ...b.size, lengthM: 8 } })));
    expect(kinds(only(loose, "loose-box"))).toEqual(["loose-box 4/parked"]);
  });

  it("size-implausible: flags a 15 m car, not a 5 m one", () => {
    const long = run(edit(scene.boxes, "0/parked", (b) => ({ size: { ...b.size, lengthM: 15 } })));
    expect(kinds(only(long, "size-implausible"))).toEqual(["size-implausible 0/parked"]);
    const fine = run(edit(scene.boxes, "0/parked", (b) => ({ size: { ...b.size, lengthM: 5 } })));
    expect(only(fine, "size-implausible")).toEqual([]);
  });

  it("size-change: flags the one box 30% larger than the rest of its track, only that one", () => {
    const f = run(
      edit(scene.boxes, "5/moving", (b) => ({
        size: { lengthM: b.size.lengthM * 1.3, widthM: b.size.widthM * 1.3, heightM: b.size.heightM * 1.3 },
      })),
    );
    expect(kinds(only(f, "size-change"))).toEqual(["size-change 5/moving"]);
    expect(must(only(f, "size-change")[0], "a size-change finding").fix).toBe("unify-size");
  });

  it("heading-flip and heading-off: flag the turned box, not its neighbours", () => {
    const flipped = run(edit(scene.boxes, "4/moving", (b) => ({ yawRad: b.yawRad + Math.PI })));
    expect(kinds(flipped).filter((k) => k.startsWith("heading"))).toEqual(["heading-flip 4/moving"]);
    const off = run(edit(scene.boxes, "6/parked", (b) => ({ yawRad: b.yawRad + (25 * Math.PI) / 180 })));
    expect(kinds(off).filter((k) => k.startsWith("heading"))).toEqual(["heading-off 6/parked"]);
    const firstBox = run(edit(scene.boxes, "0/parked", (b) => ({ yawRad: b.yawRad + Math.PI })));
    expect(kinds(firstBox).filter((k) => k.startsWith("heading"))).toEqual(["heading-flip 0/parked"]);
  });

  it("heading-off: a moving car's whole track 40° off its direction of motion", () => {
    const boxes = scene.boxes.map((b) => (b.trackId === "moving" ? { ...b, yawRad: 0.7 } : b));
    const f = only(run(boxes), "heading-off").filter((x) => x.trackId === "moving");
    expect(f.length).toBeGreaterThan(5);
    expect(must(f[0], "a finding").message).toMatch(/direction of motion/);
  });

  it("position-jump: flags the box moved 1 m, not its neighbours", () => {
    const f = run(edit(scene.boxes, "5/moving", (b) => ({ centerM: { ...b.centerM, y: b.centerM.y + 1 } })));
    expect(kinds(only(f, "position-jump"))).toEqual(["position-jump 5/moving"]);
  });

  it("impossible-speed: flags 100 m in a tenth of a second", () => {
    const f = run(
      edit(scene.boxes, "9/moving", (b) => ({ centerM: { ...b.centerM, x: b.centerM.x + 100 } })),
    );
    expect(kinds(only(f, "impossible-speed"))).toEqual(["impossible-speed 9/moving"]);
  });

  it("missing-frame: flags a gap where the object is visible, not where it is hidden", () => {
    const gap = scene.boxes.filter((b) => b.id !== "5/parked");
    const f = run(gap);
    expect(only(f, "missing-frame").map((x) => [x.frameIndex, x.trackId, x.boxId, x.fix])).toEqual([
      [5, "parked", null, "fill-gap"],
    ]);
    const hiddenScene = makeQaScene({ hidden: (b) => b.id === "5/parked" });
    expect(only(runQaChecks(hiddenScene.input(gap)), "missing-frame")).toEqual([]);
  });

  it("class-change: flags the box of another class; attribute-change: only track-wide attributes", () => {
    expect(
      kinds(only(run(edit(scene.boxes, "3/parked", () => ({ className: "Truck" }))), "class-change")),
    ).toEqual(["class-change 3/parked"]);
    const withColour = scene.boxes.map((b) => ({
      ...b,
      attributes: {
        colour: b.id === "7/parked" ? "red" : "blue",
        occlusion: b.frameIndex % 2 ? "none" : "partial",
      },
    }));
    expect(only(run(withColour), "attribute-change")).toEqual([]);
    const config = qaConfigSchema.parse({ "attribute-change": { trackWideAttributes: ["colour"] } });
    expect(kinds(only(run(withColour, config), "attribute-change"))).toEqual(["attribute-change 7/parked"]);
  });

  it("duplicate: flags the stray copy once, naming the original", () => {
    const copy = {
      ...must(
        scene.boxes.find((b) => b.id === "2/parked"),
        "box 2/parked",
      ),
      id: "copy",
      trackId: "copy",
    };
    const f = only(run([...scene.boxes, copy]), "duplicate");
    expect(f.map((x) => [x.frameIndex, x.trackId, x.otherTrackId, x.fix])).toEqual([
      [2, "copy", "parked", "delete-duplicate"],
    ]);
  });

  it("id-swap: flags both tracks where their ids swap, without class or size echoes", () => {
    const swapped = scene.boxes.map((b) =>
      b.frameIndex >= 5 && (b.trackId === "moving" || b.trackId === "walker")
        ? { ...b, trackId: b.trackId === "moving" ? "walker" : "moving" }
        : b,
    );
    expect(kinds(run(swapped))).toEqual(["id-swap 5/moving", "id-swap 5/walker"]);
  });

  it("below-ground and floating: flag a box sunk 0.8 m and one lifted 1 m", () => {
    const sunk = run(
      edit(scene.boxes, "3/parked", (b) => ({ centerM: { ...b.centerM, z: b.centerM.z - 0.8 } })),
    );
    expect(kinds(only(sunk, "below-ground"))).toEqual(["below-ground 3/parked"]);
    const lifted = run(
      edit(scene.boxes, "3/parked", (b) => ({ centerM: { ...b.centerM, z: b.centerM.z + 1 } })),
    );
    expect(kinds(only(lifted, "floating"))).toEqual(["floating 3/parked"]);
    expect(must(only(lifted, "floating")[0], "a floating finding").fix).toBe("snap-to-ground");
  });

  it("a project turns a check off or changes its severity", () => {
    const lifted = edit(scene.boxes, "3/parked", (b) => ({ centerM: { ...b.centerM, z: b.centerM.z + 1 } }));
    expect(only(run(lifted, qaConfigSchema.parse({ floating: { enabled: false } })), "floating")).toEqual([]);
    const f = only(run(lifted, qaConfigSchema.parse({ floating: { severity: "error" } })), "floating");
    expect(f.map((x) => x.severity)).toEqual(["error"]);
  });

  it("judges motion without times or poses by frame order, and skips point checks without points", () => {
    const input = {
      ...scene.input(scene.boxes),
      points: undefined,
      frames: scene.input([]).frames.map(() => ({ timestampS: null, worldFromLidar: null })),
    };
    expect(runQaChecks(input)).toEqual([]);
    const jumped = edit(scene.boxes, "5/parked", (b) => ({ centerM: { ...b.centerM, y: b.centerM.y + 1 } }));
    expect(kinds(runQaChecks({ ...input, boxes: jumped }))).toEqual(["position-jump 5/parked"]);
  });
});
