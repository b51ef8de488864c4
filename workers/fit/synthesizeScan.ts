import type { OrientedBox } from "../../core/geometry/cuboidCorners";
import type { PointCloud } from "../../core/pointcloud/PointCloud";
import { createSeededPrng } from "./createSeededPrng";

export interface SynthScanOptions {
  boxes: OrientedBox[];
  /** Ground z = groundZ0 + slopeX·x + slopeY·y (lidar coordinates). */
  groundZ0?: number;
  slopeX?: number;
  slopeY?: number;
  /** Ground samples cover |x|, |y| ≤ this. */
  extentM?: number;
  /** Grid step of the sampled surfaces, metres. */
  stepM?: number;
  noiseM?: number;
  seed?: number;
}

/**
 * A lidar-like cloud for tests: the ground plane, and per box only the faces that look at the
 * sensor at the origin (what a lidar sees: an L-shape, an I-shape, or a roof), with Gaussian-ish
 * noise. Not a ray caster: boxes do not occlude each other or the ground.
 */
export function synthesizeScan(o: SynthScanOptions): PointCloud {
  const rand = createSeededPrng(o.seed ?? 1);
  const noise = () => (rand() + rand() + rand() - 1.5) * (o.noiseM ?? 0.02);
  const g0 = o.groundZ0 ?? -1.7;
  const sx = o.slopeX ?? 0;
  const sy = o.slopeY ?? 0;
  const groundAt = (x: number, y: number) => g0 + sx * x + sy * y;
  const step = o.stepM ?? 0.1;
  const pts: number[] = [];
  const extent = o.extentM ?? 25;
  for (let x = -extent; x <= extent; x += 0.3) {
    for (let y = -extent; y <= extent; y += 0.3) pts.push(x, y, groundAt(x, y) + noise());
  }
  for (const b of o.boxes) {
    const c = Math.cos(b.yawRad);
    const s = Math.sin(b.yawRad);
    const { lengthM: l, widthM: w, heightM: h } = b.size;
    const toWorld = (u: number, v: number, z: number) => [
      b.centerM.x + c * u - s * v + noise(),
      b.centerM.y + s * u + c * v + noise(),
      b.centerM.z + z + noise(),
    ];
    // Sensor in box coordinates decides which side faces are visible.
    const su = -(c * b.centerM.x + s * b.centerM.y);
    const sv = -(-s * b.centerM.x + c * b.centerM.y);
    const faces: Array<{ visible: boolean; sample: (a: number, z: number) => number[]; span: number }> = [
      { visible: su > l / 2, sample: (a, z) => toWorld(l / 2, a, z), span: w },
      { visible: su < -l / 2, sample: (a, z) => toWorld(-l / 2, a, z), span: w },
      { visible: sv > w / 2, sample: (a, z) => toWorld(a, w / 2, z), span: l },
      { visible: sv < -w / 2, sample: (a, z) => toWorld(a, -w / 2, z), span: l },
    ];
    for (const f of faces) {
      if (!f.visible) continue;
      for (let a = -f.span / 2; a <= f.span / 2; a += step) {
        for (let z = -h / 2 + 0.1; z <= h / 2; z += step * 2) pts.push(...f.sample(a, z));
      }
    }
  }
  return {
    pointCount: pts.length / 3,
    positions: new Float32Array(pts),
    originM: { x: 0, y: 0, z: 0 },
    attributes: {},
  };
}
