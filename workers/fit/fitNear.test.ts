import { describe, expect, it } from "vitest";
import { yawErrorModPiRad } from "../../core/fit/angles";
import type { OrientedBox } from "../../core/geometry/cuboidCorners";
import { bevIou } from "../../core/geometry/iou";
import { must } from "../../core/model/must";
import { autoFitBox } from "./autoFitBox";
import { classSizePrior } from "./classSizePrior";
import { estimateLocalGround, groundZAt } from "./estimateLocalGround";
import { buildFrameIndex, gatherDisc } from "./FrameIndex";
import { fitNear } from "./fitNear";
import { synthesizeScan } from "./synthesizeScan";

const car = (x: number, y: number, yawRad: number, groundZ = -1.7): OrientedBox => ({
  centerM: { x, y, z: groundZ + 0.75 },
  size: { lengthM: 4.4, widthM: 1.8, heightM: 1.5 },
  yawRad,
});

describe("buildFrameIndex / gatherDisc", () => {
  it("returns exactly the points within the radius, whatever the cell size", () => {
    const cloud = synthesizeScan({ boxes: [car(8, 3, 0.4)], extentM: 12 });
    const index = buildFrameIndex(cloud, 0.7);
    const disc = gatherDisc(index, 7.3, 2.1, 3.2);
    let expected = 0;
    for (let i = 0; i < cloud.pointCount; i++) {
      if (
        Math.hypot(
          (cloud.positions[3 * i] ?? Number.NaN) - 7.3,
          (cloud.positions[3 * i + 1] ?? Number.NaN) - 2.1,
        ) <= 3.2
      )
        expected++;
    }
    expect(disc.length / 3).toBe(expected);
    expect(gatherDisc(index, 500, 500, 2).length).toBe(0);
  });
});

describe("estimateLocalGround", () => {
  it("recovers a sloped ground under a car", () => {
    const cloud = synthesizeScan({
      boxes: [car(10, 0, 0.2, -1.7 + 0.05 * 10)],
      slopeX: 0.05,
      slopeY: -0.02,
      extentM: 20,
    });
    const disc = gatherDisc(buildFrameIndex(cloud), 10, 0, 8);
    const g = estimateLocalGround(disc, 10, 0, 8);
    expect(g.slopeX).toBeCloseTo(0.05, 2);
    expect(g.slopeY).toBeCloseTo(-0.02, 2);
    expect(groundZAt(g, 10, 0)).toBeCloseTo(-1.7 + 0.5, 1);
  });
});

describe("autoFitBox", () => {
  const cases: Array<[string, OrientedBox]> = [
    ["L-shape, turned 30°", car(12, 6, Math.PI / 6)],
    ["L-shape behind the sensor", car(-9, -7, -1.1)],
    ["side only (I-shape): far side from the prior", car(0.5, 9, 0.02)],
    ["front only", car(14, 0.3, 0)],
  ];
  for (const [name, truth] of cases) {
    it(`fits a car from a click 0.5 m off its centre: ${name}`, () => {
      const cloud = synthesizeScan({ boxes: [truth, car(truth.centerM.x + 7, truth.centerM.y - 4, 1.3)] });
      const index = buildFrameIndex(cloud);
      const click = { x: truth.centerM.x + 0.3, y: truth.centerM.y - 0.4, z: truth.centerM.z };
      const fit = autoFitBox(index, click, "Car");
      expect(fit.provenance).toBe("auto-fit");
      expect(fit.pointCount).toBeGreaterThan(30);
      expect(bevIou(fit, truth)).toBeGreaterThan(0.8);
      expect(yawErrorModPiRad(fit.yawRad, truth.yawRad)).toBeLessThan((2 * Math.PI) / 180);
      expect(fit.centerM.z - fit.size.heightM / 2).toBeCloseTo(-1.7, 1);
      expect(fit.size.heightM).toBeCloseTo(1.5, 1);
    });
  }

  it("finds a long truck's only visible face from a click at its middle, not a neighbour from empty ground", () => {
    // A 12 m truck 40 m straight ahead: only its rear face is seen (the roof is dropped, as a lidar
    // looking level at a 3 m roof sees none of it); its middle is 6 m from that face.
    const truck: OrientedBox = {
      centerM: { x: 40, y: 0, z: -1.7 + 1.5 },
      size: { lengthM: 12, widthM: 2.5, heightM: 3 },
      yawRad: 0,
    };
    const full = synthesizeScan({ boxes: [truck], extentM: 50 });
    const kept: number[] = [];
    for (let i = 0; i < full.pointCount; i++) {
      const [x = Number.NaN, y = Number.NaN, z = Number.NaN] = full.positions.subarray(3 * i, 3 * i + 3);
      if (z < 1.2) kept.push(x, y, z);
    }
    const index = buildFrameIndex({
      ...full,
      pointCount: kept.length / 3,
      positions: new Float32Array(kept),
      attributes: {},
    });
    const fit = autoFitBox(index, { x: 40.3, y: 0.2, z: 0 }, "Truck");
    expect(fit.pointCount).toBeGreaterThan(30);
    // The prior length (8 m) laid from the rear face (34 m, plus the surface pad), away from the sensor.
    expect(Math.abs(fit.centerM.x - fit.size.lengthM / 2 - 34)).toBeLessThan(0.15);
    expect(fit.size.lengthM).toBeCloseTo(8, 5);
    expect(Math.abs(fit.size.widthM - 2.5)).toBeLessThan(0.2);
    // 5.8 m beside the rear face is empty ground: only the wide search reaches the truck, whose box is not under the click.
    const beside = autoFitBox(index, { x: 34, y: 7, z: 0 }, "Truck");
    expect(beside.pointCount).toBe(0);
  });

  it("keeps a far face of a coarse scan together: returns one azimuth step apart link, whatever the cap", () => {
    // A truck's rear face 60 m ahead seen by a 0.72° scan (the synthetic default's 32 beams):
    // three columns 0.75 m apart, three rings each, on flat ground sampled the same way.
    const stepRad = (0.72 * Math.PI) / 180;
    const pts: number[] = [];
    for (let k = -12; k <= 12; k++) {
      for (let r = 50; r <= 70; r += 0.5)
        pts.push(r * Math.cos(k * stepRad), r * Math.sin(k * stepRad), -1.7);
    }
    for (let k = -1; k <= 1; k++)
      for (const z of [-0.7, 0.2, 1.0]) pts.push(60 * Math.cos(k * stepRad), 60 * Math.sin(k * stepRad), z);
    const index = buildFrameIndex({
      pointCount: pts.length / 3,
      positions: new Float32Array(pts),
      originM: { x: 0, y: 0, z: 0 },
      attributes: {},
    });
    const r = fitNear(index, { seedM: { x: 60.5, y: 0, z: 0 }, priorSize: classSizePrior("Truck") });
    // Capped at 0.6 m, the tangential link left each column alone: 3 points.
    expect(r.pointCount).toBe(9);
    // The prior length laid from the face, away from the lidar.
    const box = must(r.box, "the fitted box");
    expect(box.centerM.x - box.size.lengthM / 2).toBeCloseTo(60 - 0.05, 1);
  });

  it("keeps a tracked car's bumper rings that lie apart from its windscreen's (fixed size)", () => {
    // A car receding 26 m behind, seen from its front by a 0.4° scan: its bumper (0.4–0.7 m up)
    // at its front face, its windscreen 1.25 m farther and its roof 1 m beyond that: along the
    // line of sight these rings lie farther apart than the 0.5 m link. A second car stands 2.6 m
    // beside it at the same range. Flat ground sampled the same way.
    const stepRad = (0.4 * Math.PI) / 180;
    const pts: number[] = [];
    const ring = (r: number, halfWidthM: number, y0: number, z: number) => {
      for (let k = -100; k <= 100; k++) {
        const a = Math.PI + k * stepRad;
        const y = r * Math.sin(a);
        if (Math.abs(y - y0) <= halfWidthM) pts.push(r * Math.cos(a), y, z);
      }
    };
    for (let r = 14; r <= 36; r += 0.5) ring(r, 8, 0, -1.7);
    const truth: OrientedBox = {
      centerM: { x: -26, y: 0, z: -0.95 },
      size: { lengthM: 4.5, widthM: 1.9, heightM: 1.5 },
      yawRad: 0,
    };
    for (const [r, w, z] of [
      [23.75, 0.85, -1.3],
      [23.75, 0.85, -1.0],
      [25, 0.7, -0.7],
      [25, 0.7, -0.4],
      [26, 0.65, -0.1],
    ] as const)
      ring(r, w, 0, z);
    for (const z of [-1.3, -1.0, -0.4]) ring(23.9, 0.85, 2.6, z);
    const index = buildFrameIndex({
      pointCount: pts.length / 3,
      positions: new Float32Array(pts),
      originM: { x: 0, y: 0, z: 0 },
      attributes: {},
    });
    const r = fitNear(index, {
      seedM: { x: -26.3, y: 0.1, z: 0 },
      priorSize: truth.size,
      fixedSize: true,
      joinSparseFragments: true,
      yawHintRad: 0,
      yawWindowRad: 0.35,
    });
    const box = must(r.box, "the fitted box");
    // Without its bumper the box's front went to the windscreen, 1.15 m too far (BEV IoU 0.6).
    expect(Math.abs(box.centerM.x - truth.centerM.x)).toBeLessThan(0.25);
    expect(bevIou(box, truth)).toBeGreaterThan(0.85);
    // …and the car beside it stays out.
    expect(Math.abs(box.centerM.y)).toBeLessThan(0.2);
  });

  it("returns the class prior on the ground when the click hits nothing", () => {
    const index = buildFrameIndex(synthesizeScan({ boxes: [] }));
    const fit = autoFitBox(index, { x: 5, y: 5, z: 0 }, "Pedestrian");
    expect(fit.pointCount).toBe(0);
    expect(fit.size).toEqual({ lengthM: 0.6, widthM: 0.6, heightM: 1.75 });
    expect(fit.centerM.z).toBeCloseTo(-1.7 + 1.75 / 2, 1);
  });

  it("keeps the yaw near a hint and exactly the given size when asked (refit / propagation)", () => {
    const truth = car(10, -5, 2.0);
    const index = buildFrameIndex(synthesizeScan({ boxes: [truth] }));
    const size = { lengthM: 4.6, widthM: 1.9, heightM: 1.6 };
    const r = fitNear(index, {
      seedM: { x: 10.6, y: -5.5, z: 0 },
      priorSize: size,
      fixedSize: true,
      yawHintRad: 2.1,
    });
    const box = must(r.box, "the fitted box");
    expect(box.size).toEqual(size);
    expect(box.yawRad).toBeCloseTo(2.0, 1);
    expect(bevIou(box, truth)).toBeGreaterThan(0.8);
  });
});

describe("autoFitBox on a car joined to what stands beside it", () => {
  it("keeps the class footprint at the click, not the car and the hedge it touches", () => {
    // A car 9 m ahead-left with a 1.2 m-deep hedge against its far side (10 cm gap): one segment.
    const truth = car(9, 4, 0);
    const hedge: OrientedBox = {
      centerM: { x: 9, y: 5.65, z: -1.1 },
      size: { lengthM: 7, widthM: 1.2, heightM: 1.2 },
      yawRad: 0,
    };
    const index = buildFrameIndex(synthesizeScan({ boxes: [truth, hedge], extentM: 15 }));
    const fit = autoFitBox(index, { x: 9.2, y: 3.6, z: -1 }, "Car");
    expect(fit.size.widthM).toBeLessThan(2.2);
    expect(bevIou(fit, truth)).toBeGreaterThan(0.7);
  });
});
