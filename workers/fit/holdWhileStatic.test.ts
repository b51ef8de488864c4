import { expect, it } from "vitest";
import { bevIou } from "../../core/geometry/iou";
import { must } from "../../core/model/must";
import { loadScene } from "../../scripts/lib/loadScene";
import { createSceneRuntime } from "../../scripts/lib/SceneRuntime";
import { describeRealData, realDataPath } from "../../scripts/testing/realData";
import { scoreTrackPropagation } from "../../scripts/testing/scoreTrackPropagation";
import { propagateTrack } from "./propagateTrack";

const ARGOVERSE = "argoverse1-tracking/app/test_dataset/0_drive_0064_sync/sample/argoverse";

describeRealData("holdWhileStatic on the Argoverse sequence (10 Hz, ego poses)", () => {
  // Loaded on first use: the block is collected (and skipped) in a checkout without ../shared.
  let loaded: ReturnType<typeof createSceneRuntime> | undefined;
  const runtime = () => (loaded ??= createSceneRuntime(loadScene(realDataPath(ARGOVERSE))));
  const propagate = (trackIdPrefix: string) => scoreTrackPropagation(runtime(), trackIdPrefix);

  it("places a parked car again from its points as the ego nears it: its far seed sat 0.6 m aside", () => {
    // Seeded at 50 m from 35 points; 470 points at 19 m. Held at the seed: 11 of 31 (as the copy).
    const r = propagate("ef1474cf");
    expect(r.scored).toBe(31);
    expect(r.good).toBeGreaterThanOrEqual(22);
  });

  it("does not push a well-placed parked car's box towards the lidar onto what stands nearer", () => {
    // Copying the seed keeps all 49; a refit of the fixed-size box slid 0.9 m across onto the
    // returns beside the car's near side (12 of 49) until re-placing had to explain the points better.
    const r = propagate("c87351f8");
    expect(r.scored).toBe(49);
    expect(r.good).toBeGreaterThanOrEqual(44);
  });

  it("lets a car pulling out turn with its motion: the tracker's turned box takes over", () => {
    // Parked until frame 29, then pulls out turning 8° over its first 0.96 m: 40 of 49.
    expect(propagate("e6909c8d").good).toBeGreaterThanOrEqual(40);
  });

  it("re-places a large vehicle whose seed label sits 2.3 m off where it then stands", () => {
    // Copying the seed: 0 of 24.
    const r = propagate("c1c7e59c");
    expect(r.scored).toBe(24);
    expect(r.good).toBeGreaterThanOrEqual(10);
  });

  it("holds a far parked car unflagged through frames too sparse to test, while its returns are there", () => {
    // 10–22 points at 56–77 m: the stillness test needs 6 cells of the last still frame; these
    // frames were flagged "too few points" though nothing said the car had left (26 of 29, 48 of 49).
    expect(propagate("fbc3fc25")).toEqual({ good: 29, scored: 29 });
    expect(propagate("fe3a040c")).toEqual({ good: 49, scored: 49 });
  });
});

describeRealData(
  "holdWhileStatic on the Argoverse sequence without its poses (estimated from the lidar)",
  () => {
    let loaded: ReturnType<typeof createSceneRuntime> | undefined;
    const runtime = () =>
      (loaded ??= createSceneRuntime(loadScene(realDataPath(ARGOVERSE), { withholdPoses: true })));

    it("holds a parked car whose tracker's box turned onto the bush beside it, more than its move allows", () => {
      // The tracker turned 17° for 0.94 m onto a bush and held 1.2× the standing box's points from
      // frame 21, while the stillness test found every cell of the car where it stood: 24 of 49.
      const r = scoreTrackPropagation(runtime(), "c87351f8");
      expect(r.scored).toBe(49);
      expect(r.good).toBeGreaterThanOrEqual(47);
    }, 300_000); // the ego poses are estimated over the 50 sweeps first

    it("holds a parked car 30 m ahead through the ego's pitch: the estimate carries height and tilt", () => {
      // Level estimated poses put the car 0.35 m above its box 0.3 s after its seed (0.6° of
      // pitch); its lower returns left the standing test's band and the hold gave it up: 10 of 23
      // (20 with the recorded poses).
      expect(scoreTrackPropagation(runtime(), "5fa1b528").good).toBeGreaterThanOrEqual(16);
    }, 300_000);

    it("holds a parked car whose stillness test finds it shifted against the tracker's move", () => {
      // From frame 13 the tracker's box slid 0.6 m along onto returns beside the car and held 1.2×
      // the standing box's points, while the car's cells matched best shifted 0.25 m the other
      // way: taken for motion, 12 of 18.
      expect(scoreTrackPropagation(runtime(), "b53e5c95").good).toBeGreaterThanOrEqual(14);
    }, 300_000);

    it("holds a far parked car whose few cells match shifted while the tracker stays", () => {
      // 9–15 returns at 49–50 m: two frames running matched best 0.75 m back (53% of 15 cells at
      // rest, 80% shifted) while the tracker's box stayed within 0.05 m: taken for motion, 6 of 15.
      expect(scoreTrackPropagation(runtime(), "3a591376")).toEqual({ good: 15, scored: 15 });
    }, 300_000);
  },
);

describeRealData(
  "holdWhileStatic on the SUSTechPOINTS example (keyframes 0.5–1.5 s apart, poses estimated)",
  () => {
    it("lets a car seen side-on that moved 1 m go: the tracker's box took in the points it left", () => {
      // Car 2, seeded in keyframe 2, 0.5 s later 1 m further along its heading: the standing box
      // still held 1809 of its points and its side matched the still frame's at rest (88% of cells),
      // so it was held there (BEV IoU 0.55); 153 points lay only in the tracker's box, none only in
      // the standing one. The tracker's box: BEV IoU 0.81.
      const rt = createSceneRuntime(loadScene(realDataPath("sustechpoints/data/example")));
      const labelOf = (k: number) =>
        must(
          rt.scene.frames[k]?.labels.find((l) => l.trackId === "2"),
          "car 2",
        );
      const boxes = propagateTrack(
        rt.propagationFrames(),
        { frameIndex: 2, ...labelOf(2) },
        { direction: "forward" },
      );
      const b = must(
        boxes.find((o) => o.frameIndex === 3),
        "car 2 in keyframe 3",
      );
      expect(b.needsReview).toBeUndefined();
      expect(bevIou(b, labelOf(3))).toBeGreaterThanOrEqual(0.7);
    });
  },
);
