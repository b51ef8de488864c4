import { existsSync } from "node:fs";
import { expect, it } from "vitest";
import { bevIou } from "../core/geometry/iou";
import { evaluateFit, fitTargets } from "./lib/evaluateFit";
import { runPropagate } from "./lib/fitCommands";
import { createSceneRuntime } from "./lib/SceneRuntime";
import { loadScene } from "./lib/loadScene";
import { describeRealData, REAL_DATA_DIR, realDataPath } from "./testing/realData";
import { must } from "../core/model/must";

const SUSTECH = `${REAL_DATA_DIR}/sustechpoints/data/example`;
const KITTI = `${REAL_DATA_DIR}/kitti_object_vis/data/object/training`;
const ARGOVERSE = "argoverse1-tracking/app/test_dataset/0_drive_0064_sync/sample/argoverse";

const requireData = (dir: string) => {
  if (!existsSync(dir))
    throw new Error(`${dir} is missing: these tests need the real data in ../shared/data (see its README)`);
};

describeRealData("eval:fit on real data", () => {
  it("meets the auto-fit targets on the SUSTechPOINTS scene, tracking never below the trivial baselines", () => {
    requireData(SUSTECH);
    const scene = loadScene(SUSTECH);
    const e = evaluateFit(createSceneRuntime(scene));
    expect(e.poses).not.toBe("scene");
    const t = fitTargets(e);
    // Every labelled box was clicked once.
    const labelled = scene.frames.reduce((n, f) => n + f.labels.length, 0);
    expect(e.boxes.filter((b) => b.task === "autofit")).toHaveLength(labelled);
    expect(t.autofitVehicleCount).toBeGreaterThanOrEqual(30);
    expect(t.autofitMedianBevIou).toBeGreaterThanOrEqual(0.78);
    expect(t.autofitShareAbove07).toBeGreaterThanOrEqual(0.75);
    expect(t.autofitMedianYawErrorDeg).toBeLessThanOrEqual(3);
    expect(t.propagationVehicleFrames).toBeGreaterThanOrEqual(25);
    // 23 of 28 (82.1%): car 27's box 1.5 s after its seed, 45 m away, flips between BEV IoU 0.89
    // and 0.59 with a 2 cm change of the estimated ego step (refineEgoMotion): 24 of 28 before it.
    expect(t.propagationShareAbove07).toBeGreaterThanOrEqual(0.8);
    expect(t.propagationShareAbove07).toBeGreaterThanOrEqual(t.propagationBaselineShareAbove07);
    expect(t.interpolationCount).toBeGreaterThan(10);
    // Keys 2 s apart here: interpolation alone scored 0.899, moved to the track's own points 0.906.
    expect(t.interpolationMedianBevIou).toBeGreaterThanOrEqual(0.9);
    expect(t.interpolationMedianBevIou).toBeGreaterThanOrEqual(t.interpolationBaselineMedianBevIou);
    const interpolated = (frame: string, trackId: string) =>
      must(
        e.boxes.find((b) => b.task === "interpolation" && b.frame === frame && b.trackId === trackId),
        `the interpolated box of ${trackId} in ${frame}`,
      );
    // Car 1 brakes in the 2 s gap: 0.29 m short of its points on the curve alone (BEV IoU 0.80).
    expect(interpolated("000965", "1").bevIou).toBeGreaterThanOrEqual(0.84);
    // Car 13: registrations at 970 lie 1.4 m off its curve, mostly sideways: not taken (0.18 when they were).
    expect(interpolated("000970", "13").bevIou).toBeGreaterThanOrEqual(0.6);
  });

  it("propagates a sparse far car at its heading, not the template's free turn (SUSTechPOINTS car 4, 965 → 970)", () => {
    requireData(SUSTECH);
    const rt = createSceneRuntime(loadScene(SUSTECH));
    const label = (frame: string) =>
      must(
        must(rt.scene.frames[rt.frameIndexByName(frame)], `frame ${frame}`).labels.find(
          (l) => l.trackId === "4",
        ),
        `car 4 in frame ${frame}`,
      );
    const seed = label("000965"); // 16 points, 49 m away
    const [propagated] = runPropagate(
      rt,
      [
        {
          trackId: "4",
          frame: "000965",
          center: [seed.centerM.x, seed.centerM.y, seed.centerM.z],
          size: [seed.size.lengthM, seed.size.widthM, seed.size.heightM],
          yaw: seed.yawRad,
        },
      ],
      "forward",
    );
    const out = must(propagated, "the propagated box");
    expect(out.frame).toBe("000970");
    expect(out.needsReview).toBeUndefined();
    const truth = label("000970");
    const box = {
      centerM: { x: out.center[0], y: out.center[1], z: out.center[2] },
      size: { lengthM: out.size[0], widthM: out.size[1], heightM: out.size[2] },
      yawRad: out.yaw,
    };
    // The template turned by its search's limit (−12°) placed it at BEV IoU 0.66.
    expect(bevIou(box, truth)).toBeGreaterThanOrEqual(0.75);
  });

  it("scores every labelled KITTI object box and skips tracking tasks there (its frames are unrelated)", () => {
    requireData(KITTI);
    const e = evaluateFit(createSceneRuntime(loadScene(KITTI)));
    const labelled = loadScene(KITTI).frames.reduce((n, f) => n + f.labels.length, 0);
    expect(e.boxes).toHaveLength(labelled);
    expect(e.boxes.every((b) => b.task === "autofit" && b.bevIou >= 0 && b.bevIou <= 1)).toBe(true);
  });

  it("fits KITTI's well-seen car apart from the hedge 0.4 m beside it (000002, 34 m ahead)", () => {
    requireData(KITTI);
    // KITTI's class means as priors, as the caller asks (--priors kitti): KITTI cars are 3.9 m.
    const e = evaluateFit(createSceneRuntime(loadScene(KITTI)), 7, "kitti");
    // The one Car with ≥ 30 points; isotropic 0.6 m linking merged the hedge into it (BEV IoU 0.41).
    const cars = e.boxes.filter((b) => b.className === "Car" && b.pointsInside >= 30);
    expect(cars).toHaveLength(1);
    expect(cars[0]?.bevIou).toBeGreaterThanOrEqual(0.75);
    expect(cars[0]?.sizeErrorM[1]).toBeLessThan(0.3);
  });

  it("meets the auto-fit target on KITTI with KITTI's class means as priors (the truck seen only from behind)", () => {
    requireData(KITTI);
    const e = evaluateFit(createSceneRuntime(loadScene(KITTI)), 7, "kitti");
    const t = fitTargets(e);
    expect(t.autofitVehicleCount).toBe(2);
    expect(t.autofitMedianBevIou).toBeGreaterThanOrEqual(0.75);
    expect(t.autofitMedianYawErrorDeg).toBeLessThanOrEqual(5);
    // 000001's 12.3 m truck at 69 m shows only its rear: its length is the prior (KITTI's mean
    // truck, 10.1 m; the catalogue's 8 m gave 0.60), laid from that face away from the lidar.
    const truck = must(
      e.boxes.find((b) => b.className === "Truck"),
      "the Truck among the scored boxes",
    );
    expect(truck.bevIou).toBeGreaterThanOrEqual(0.7);
    expect(truck.yawErrorModPiRad).toBeLessThan((2 * Math.PI) / 180);
  });
});

describeRealData("eval:fit on the Argoverse sequence (10 Hz, ego poses)", () => {
  it("propagates and interpolates vehicles never below the trivial baselines, parked and moving alike", () => {
    const rt = createSceneRuntime(loadScene(realDataPath(ARGOVERSE)));
    const e = evaluateFit(rt);
    expect(e.poses).toBe("scene");
    const t = fitTargets(e);
    expect(t.propagationVehicleFrames).toBeGreaterThan(1000);
    // Copying the seed box in world coordinates keeps 73.0% (parked cars); the tracker alone 62.9%.
    expect(t.propagationShareAbove07).toBeGreaterThanOrEqual(t.propagationBaselineShareAbove07 + 0.05);
    expect(t.propagationShareAbove07).toBeGreaterThanOrEqual(0.8);
    expect(t.interpolationMedianBevIou).toBeGreaterThanOrEqual(t.interpolationBaselineMedianBevIou);
    expect(t.interpolationMedianBevIou).toBeGreaterThanOrEqual(0.9);
    // Moving vehicles are followed too: on tracks the copy loses (it stays behind), ours keeps them.
    const byTrack = (task: "propagation" | "propagation-baseline") =>
      new Map(
        [...new Set(e.boxes.map((b) => b.trackId))].map((id) => [
          id,
          e.boxes.filter((b) => b.task === task && b.trackId === id && b.bevIou >= 0.7).length,
        ]),
      );
    const ours = byTrack("propagation");
    const copied = byTrack("propagation-baseline");
    const moving = [...copied.keys()].filter(
      (id) =>
        e.boxes.filter((b) => b.task === "propagation" && b.trackId === id).length >= 10 &&
        copied.get(id) === 0,
    );
    expect(moving.length).toBeGreaterThanOrEqual(2);
    for (const id of moving.slice(0, 2)) expect(ours.get(id)).toBeGreaterThanOrEqual(10);
    // A harness limit, not a measure: 16 s alone, over 60 s on a shared 2-core machine.
  }, 600_000);

  it("without its poses, estimates them, checked, and stays above the trivial baselines", () => {
    const rt = createSceneRuntime(loadScene(realDataPath(ARGOVERSE), { withholdPoses: true }));
    const e = evaluateFit(rt);
    expect(e.poses).toBe("estimated");
    const t = fitTargets(e);
    // Copying the seed box in lidar coordinates keeps 2.4% (the ego drives 50 m); ours 79.1%.
    expect(t.propagationShareAbove07).toBeGreaterThanOrEqual(0.75);
    expect(t.propagationShareAbove07).toBeGreaterThan(t.propagationBaselineShareAbove07);
    // Linear in lidar coordinates 0.964; the grid search's ego steps (0.05 m lattice) gave 0.958.
    expect(t.interpolationMedianBevIou).toBeGreaterThanOrEqual(t.interpolationBaselineMedianBevIou);
  }, 900_000);
});
