import { describe, expect, it } from "vitest";
import { qaConfigSchema } from "./QaConfig";
import type { QaFinding, QaKind } from "./QaFinding";
import type { QaBox, QaInput } from "./QaInput";
import { runQaChecks } from "./runQaChecks";
import { edit, makeQaScene } from "./test/makeQaScene";

/**
 * The miss and false-flag classes the SUSTechPOINTS seeded evaluation showed (keyframes 1.5, 0.5,
 * 0.5 s apart, tracks of 3–4 boxes): each fixed class keeps a test here.
 */
const scene = makeQaScene();
const TIMES_S = [0, 1.5, 2, 2.5];
const keyframes = (boxes: QaBox[]): QaInput => {
  const input = scene.input(boxes);
  return { ...input, frames: input.frames.map((f, k) => ({ ...f, timestampS: TIMES_S[k] ?? 2.5 + k })) };
};
const only = (findings: QaFinding[], kind: QaKind) => findings.filter((f) => f.kind === kind);
const where = (findings: QaFinding[]) => findings.map((f) => `${f.kind} ${f.frameIndex}/${f.trackId}`);

/** A walker or rider with no points, standing at (x, y), labelled with these headings (degrees) at TIMES_S. */
const headings = (trackId: string, lengthM: number, yawsDeg: number[]): QaInput => ({
  ...keyframes([]),
  points: undefined,
  boxes: yawsDeg.map((deg, k) => ({
    id: `${k}/${trackId}`,
    trackId,
    frameIndex: k,
    className: "Pedestrian",
    attributes: {},
    centerM: { x: 6, y: 4, z: -0.95 },
    size: { lengthM, widthM: 0.6, heightM: 1.7 },
    yawRad: (deg * Math.PI) / 180,
  })),
});

describe("QA on sparse keyframes of short tracks (SUSTechPOINTS-like)", () => {
  it("position-jump: a car moved 1 m in a track of 3 keyframes 1.5 s apart, its points left behind", () => {
    // The path alone allows 3 m/s² over the gaps (3.9 m): the points' centroid moving against the
    // box decides. The near-band share test is turned off to see this one.
    const config = qaConfigSchema.parse({ "position-jump": { offObjectMinPoints: 1_000_000 } });
    const three = scene.boxes.filter((b) => b.trackId === "parked" && b.frameIndex < 3);
    const slow = (boxes: QaBox[]) => {
      const input = { ...scene.input(boxes) };
      return { ...input, frames: input.frames.map((f, k) => ({ ...f, timestampS: 1.5 * k })) };
    };
    expect(runQaChecks(slow(three), config)).toEqual([]);
    for (const [dx, dy] of [
      [1, 0],
      [0, 1],
      [-0.6, -0.8],
    ] as const) {
      const moved = edit(three, "1/parked", (b) => ({
        centerM: { ...b.centerM, x: b.centerM.x + dx, y: b.centerM.y + dy },
      }));
      const f = only(runQaChecks(slow(moved), config), "position-jump");
      // Only the moved box: its neighbours' paths run through it, but their points stay on them.
      expect(f.map((x) => [x.frameIndex, x.trackId, x.code])).toEqual([
        [1, "parked", "positionJumpPointsStayed"],
      ]);
    }
  });

  it("heading-off: a walker turned 24° in a track labelled with a steady hand is caught", () => {
    expect(where(runQaChecks(headings("w", 0.6, [0, 2, -1, 0])))).toEqual([]);
    expect(where(runQaChecks(headings("w", 0.6, [0, 2, -1, 24])))).toEqual(["heading-off 3/w"]);
  });

  it("heading-off: a walker whose labelled headings wobble by 14–18° is held to its own noise", () => {
    // Base limit 15°: the last box, 28° off its neighbour, would be flagged on a steady track.
    expect(where(runQaChecks(headings("w", 0.6, [0, 14, -4, 24])))).toEqual([]);
  });

  it("heading-off: a rider turning 20°/s is allowed that turn over the 1.5 s to its one neighbour", () => {
    // Turning steadily: its first box is 30° from the second, 1.5 s before it.
    expect(where(runQaChecks(headings("r", 1.7, [30, 0, -10, -20])))).toEqual([]);
    // The same first box turned 40° the other way is still an error.
    expect(where(runQaChecks(headings("r", 1.7, [-10, 0, -10, -20])))).toEqual([]);
    expect(where(runQaChecks(headings("r", 1.7, [70, 0, -10, -20])))).toEqual(["heading-off 0/r"]);
  });

  it("heading-off: a walker turning 40° over 0.5 s with its motion is not flagged", () => {
    // Walking +x at 1.4 m/s, then turning 40° left with its path over the last 0.5 s.
    const turn = (40 * Math.PI) / 180;
    const xy = [
      [0, 0],
      [2.1, 0],
      [2.8, 0],
      [2.8 + 0.7 * Math.cos(turn), 0.7 * Math.sin(turn)],
    ];
    const input = headings("w", 0.6, [0, 0, 0, 40]);
    const boxes = input.boxes.map((b, k) => ({
      ...b,
      centerM: { ...b.centerM, x: 6 + (xy[k]?.[0] ?? 0), y: 4 + (xy[k]?.[1] ?? 0) },
    }));
    const f = runQaChecks({ ...input, boxes });
    expect(f.map((x) => x.message)).toEqual([]);
  });
});
