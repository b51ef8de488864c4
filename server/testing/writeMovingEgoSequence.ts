import { boxSurfacePoints, groundPoints } from "../../core/prelabel/syntheticScene";
import { writeSweepSequence } from "./writeSweepSequence";

/** Where the lidar is at frame f, in the world of frame 0: 1.2 m a frame, turning 0.6° a frame. */
export function movingEgoPose(f: number): { xM: number; yM: number; yawRad: number } {
  let xM = 0;
  let yM = 0;
  for (let k = 0; k < f; k++) {
    const heading = 0.01 * (k + 0.5);
    xM += 1.2 * Math.cos(heading);
    yM += 1.2 * Math.sin(heading);
  }
  return { xM, yM, yawRad: 0.01 * f };
}

/** Standing objects of the street, world coordinates of frame 0. */
const STANDING = [
  { x: 8, y: 6, yawRad: 0, lengthM: 4.5, widthM: 1.9, heightM: 1.5 },
  { x: 15, y: 6.2, yawRad: 0.05, lengthM: 4.2, widthM: 1.8, heightM: 1.6 },
  { x: 24, y: -6, yawRad: 0, lengthM: 12, widthM: 0.4, heightM: 2.5 },
  { x: 4, y: -7, yawRad: 0.6, lengthM: 3, widthM: 3, heightM: 2.8 },
  { x: 30, y: 9, yawRad: 1.2, lengthM: 8, widthM: 0.5, heightM: 3 },
  { x: -6, y: 8, yawRad: 0.3, lengthM: 5, widthM: 2.2, heightM: 2 },
  { x: 12, y: -12, yawRad: -0.4, lengthM: 6, widthM: 0.4, heightM: 2.2 },
];

/**
 * A native sequence recorded without ego poses (every frame the identity) whose lidar drives past
 * a street of standing objects (parked cars, walls, a kiosk) at 12 m/s, frames 0.1 s apart: what the
 * ego-pose estimate must recover (movingEgoPose). Binary PCD. Returns the folder (the caller removes it).
 */
export function writeMovingEgoSequence(frames = 5): string {
  const ground = { z0: -1.8, slopeX: 0, slopeY: 0 };
  return writeSweepSequence(
    "moving ego, no poses",
    Array.from({ length: frames }, (_, f) => {
      const ego = movingEgoPose(f);
      const c = Math.cos(ego.yawRad);
      const s = Math.sin(ego.yawRad);
      const xyz: number[] = groundPoints(ground, 40);
      for (const b of STANDING) {
        // The object in this frame's lidar coordinates.
        const dx = b.x - ego.xM;
        const dy = b.y - ego.yM;
        xyz.push(
          ...boxSurfacePoints(ground, {
            ...b,
            x: c * dx + s * dy,
            y: -s * dx + c * dy,
            yawRad: b.yawRad - ego.yawRad,
          }),
        );
      }
      return xyz;
    }),
  );
}
