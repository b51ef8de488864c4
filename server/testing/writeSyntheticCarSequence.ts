import { carSurfacePoints, groundPoints } from "../../core/prelabel/syntheticScene";
import { writeSweepSequence } from "./writeSweepSequence";

/**
 * A native sequence without labels whose sweeps hold a flat road and one car driving along x at
 * 10 m/s (1 m per 0.1 s frame), seen by a static lidar 1.8 m above the road: what the built-in
 * pre-labeler should find as one Car track. Binary PCD. Returns the folder (the caller removes it).
 */
export function writeSyntheticCarSequence(frames = 4): string {
  const ground = { z0: -1.8, slopeX: 0, slopeY: 0 };
  return writeSweepSequence(
    "synthetic car",
    Array.from({ length: frames }, (_, f) => {
      const car = { x: 10 + f, y: 4, yawRad: 0, lengthM: 4.5, widthM: 1.85, heightM: 1.5 };
      return [...groundPoints(ground, 30), ...carSurfacePoints(ground, car)];
    }),
  );
}
