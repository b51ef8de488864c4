import type { Vec3 } from "../geometry/vec3";
import type { CuboidSize } from "../model/Cuboid";

/** A tracked box in its frame's lidar coordinates (the lidar at the origin). */
export interface TrackedBox {
  className: string;
  trackId: string | number;
  centerM: Vec3;
  size: CuboidSize;
  yawRad: number;
}

const VEHICLES = new Set(["Car", "Van", "Truck", "Bus"]);

/**
 * Boxes without points (the built-in plugin's `track` gets only boxes): every vehicle track of
 * two boxes or more takes one size, each extent the median of its boxes' (a car does not change
 * size; labels are amodal), and each box keeps the faces that face the lidar (the ones seen) and
 * its bottom, growing or shrinking away from them. Other boxes come back as they were.
 */
export function unifyTrackSizes(
  frames: ReadonlyArray<ReadonlyArray<TrackedBox>>,
): Array<Array<{ centerM: Vec3; size: CuboidSize }>> {
  const sizes = new Map<string | number, CuboidSize[]>();
  for (const boxes of frames)
    for (const b of boxes) {
      if (!VEHICLES.has(b.className)) continue;
      const list = sizes.get(b.trackId) ?? [];
      list.push(b.size);
      sizes.set(b.trackId, list);
    }
  const trackSize = new Map<string | number, CuboidSize>();
  for (const [id, list] of sizes)
    if (list.length >= 2)
      trackSize.set(id, {
        lengthM: median(list.map((s) => s.lengthM)),
        widthM: median(list.map((s) => s.widthM)),
        heightM: median(list.map((s) => s.heightM)),
      });
  return frames.map((boxes) =>
    boxes.map((b) => {
      const size = VEHICLES.has(b.className) ? trackSize.get(b.trackId) : undefined;
      if (!size) return { centerM: b.centerM, size: b.size };
      const c = Math.cos(b.yawRad);
      const s = Math.sin(b.yawRad);
      // The lidar (origin) in the box's axes, and how far each kept face moves the centre.
      const sensorU = -(b.centerM.x * c + b.centerM.y * s);
      const sensorV = b.centerM.x * s - b.centerM.y * c;
      const shift = (sensor: number, half: number, newHalf: number) =>
        Math.abs(sensor) > half ? Math.sign(sensor) * (half - newHalf) : 0;
      const du = shift(sensorU, b.size.lengthM / 2, size.lengthM / 2);
      const dv = shift(sensorV, b.size.widthM / 2, size.widthM / 2);
      return {
        centerM: {
          x: b.centerM.x + du * c - dv * s,
          y: b.centerM.y + du * s + dv * c,
          z: b.centerM.z + (size.heightM - b.size.heightM) / 2,
        },
        size: { ...size },
      };
    }),
  );
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const hi = sorted[mid] ?? 0;
  return sorted.length % 2 === 1 ? hi : ((sorted[mid - 1] ?? hi) + hi) / 2;
}
