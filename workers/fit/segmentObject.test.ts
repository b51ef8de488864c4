import { describe, expect, it } from "vitest";
import type { GroundPlane } from "./estimateLocalGround";
import { type SegmentOptions, segmentObject } from "./segmentObject";

const flat: GroundPlane = { cx: 0, cy: 0, z0: 0, slopeX: 0, slopeY: 0, supportCells: 100 };

/** Points every `stepM` along a segment from (x0, y0) to (x1, y1) at height zM. */
function line(x0: number, y0: number, x1: number, y1: number, stepM: number, zM: number): number[] {
  const n = Math.max(1, Math.round(Math.hypot(x1 - x0, y1 - y0) / stepM));
  const out: number[] = [];
  for (let i = 0; i <= n; i++) out.push(x0 + ((x1 - x0) * i) / n, y0 + ((y1 - y0) * i) / n, zM);
  return out;
}

const options = (seedX: number, seedY: number): SegmentOptions => ({
  seedX,
  seedY,
  maxSeedDistanceM: 2.85,
  maxRadiusM: 3.8,
  minHeightAboveGroundM: 0.25,
  maxHeightAboveGroundM: 2.55,
  linkDistanceM: 0.6,
  tangentialLinkDistanceM: 0.3,
  sensorX: 0,
  sensorY: 0,
});

describe("segmentObject", () => {
  // A car 35 m ahead, 3 m right, seen from behind-left: its rear face spans y ∈ [−3.8, −2.2] at
  // x = 33 and its left side runs to x = 35; a hedge behind its right side at y = −4.2, 0.4 m away
  // across the line of sight, shows above it near the rear (KITTI object 000002's car).
  const rearFace = [...line(33, -3.8, 33, -2.2, 0.05, 0.5), ...line(33.05, -2.2, 35, -2.2, 0.1, 0.6)];
  const hedge = line(31, -4.2, 33.6, -4.2, 0.05, 1.5);

  it("separates objects 0.4 m apart across the line of sight (a car and the hedge beside it)", () => {
    const seg = segmentObject(new Float32Array([...rearFace, ...hedge]), flat, options(35.2, -3));
    expect(seg.length / 3).toBe(rearFace.length / 3);
    for (let j = 1; j < seg.length; j += 3) expect(seg[j]).toBeGreaterThan(-3.85);
  });

  it("still joins a 0.5 m gap along the line of sight (ring spacing on a roof seen from afar)", () => {
    const rearWindow = line(33.5, -3.7, 33.5, -2.3, 0.05, 0.9);
    const roof = line(34, -3.7, 34, -2.3, 0.05, 1.3);
    const cloud = new Float32Array([...rearFace, ...rearWindow, ...roof]);
    const seg = segmentObject(cloud, flat, options(35.2, -3));
    expect(seg.length).toBe(cloud.length);
  });

  it("joins the hedge too when linking is isotropic (the behaviour the tangential limit removes)", () => {
    const { tangentialLinkDistanceM: _, ...isotropic } = options(35.2, -3);
    const seg = segmentObject(new Float32Array([...rearFace, ...hedge]), flat, isotropic);
    expect(seg.length / 3).toBeGreaterThan(rearFace.length / 3);
  });

  it("joins a far car's fragments (rings 1.2 m apart along the line of sight) that fit its class footprint, not a pole beside it", () => {
    // 60 m ahead: the rear face at x = 60, two roof rings at 61.2 and 62.4, a pole at (61, 2.2).
    const rear = line(60, -0.9, 60, 0.9, 0.1, 0.6);
    const ring1 = line(61.2, -0.8, 61.2, 0.8, 0.1, 1.3);
    const ring2 = line(62.4, -0.8, 62.4, 0.8, 0.1, 1.35);
    const pole = line(61, 2.2, 61.05, 2.2, 0.05, 1.2);
    const cloud = new Float32Array([...rear, ...ring1, ...ring2, ...pole]);
    const near = { ...options(60.2, 0.1), maxRadiusM: 3.8 };
    // Without the footprint only the fragment at the click.
    expect(segmentObject(cloud, flat, near).length).toBe(rear.length);
    // fitNear allows 0.5 m + 3 cm per metre of range between fragments: 2.3 m at 60 m.
    const seg = segmentObject(cloud, flat, {
      ...near,
      footprint: { lengthM: 4.5, widthM: 1.85 },
      fragmentGapM: 2.3,
    });
    expect(seg.length).toBe(rear.length + ring1.length + ring2.length);
  });

  it("leaves out a fragment beside a far car's rear at its range, however close along the line of sight", () => {
    // 35 m ahead: the rear face at x = 35, a roof ring 1 m behind it, and a pole's few returns
    // 0.6 m to the side of the rear's corner (KITTI 000002): with the class footprint the union
    // rear + pole fits as a car turned across the road, so only the direction of the gap tells.
    const rear = line(35, -0.8, 35, 0.8, 0.05, 0.6);
    const roof = line(36, -0.6, 36, 0.6, 0.1, 1.3);
    const pole = line(35, -1.4, 35, -1.45, 0.05, 1.2);
    const cloud = new Float32Array([...rear, ...roof, ...pole]);
    const far = { ...options(35.3, 0), footprint: { lengthM: 4.5, widthM: 1.9 }, fragmentGapM: 1.55 };
    // Isotropic, the pole joins (the behaviour the tangential limit removes)…
    expect(segmentObject(cloud, flat, far).length).toBe(cloud.length);
    // …limited across the line of sight, the roof ring still joins and the pole does not.
    const seg = segmentObject(cloud, flat, { ...far, fragmentTangentialGapM: 0.45 });
    expect(seg.length).toBe(rear.length + roof.length);
  });

  it("picks the far car whose seen rear lies in front of the click over a few returns beside it", () => {
    // 50 m ahead: the click at a car's centre, its rear face 2.4 m nearer the lidar, and 10 returns
    // of something else 1.5–2.4 m beside the click at its range (Argoverse ed2bfc11 at 53 m).
    const rear = line(47.6, -0.9, 47.6, 0.9, 0.1, 0.6);
    const beside = line(50, 1.5, 50, 2.4, 0.1, 1.0);
    const cloud = new Float32Array([...rear, ...beside]);
    const click = { ...options(50, 0), maxRadiusM: 4 };
    // Counting every metre alike, the returns beside the click win…
    expect(segmentObject(cloud, flat, click).length).toBe(beside.length);
    // …counting those in front of it at half, the car does.
    expect(segmentObject(cloud, flat, { ...click, frontDistanceScale: 0.5 }).length).toBe(rear.length);
  });
});
