import type { Pose3 } from "../../geometry/pose";
import { quatFromYaw } from "../../geometry/quat";
import type { TrackView } from "../fitStaticTrack";

export const PARKED_CAR = { lengthM: 4.4, widthM: 1.8, heightM: 1.5 };

/**
 * What a lidar at `egoX` on the world x axis (heading `egoYaw`) sees of a car lying along world x
 * centred at (cx, cy): points every 5 cm on the faces that face it, at two heights, in lidar
 * coordinates (ground at z = −1.7 there).
 */
export function parkedCarView(egoX: number, egoYaw: number, cx: number, cy: number): TrackView {
  const pose: Pose3 = { translationM: { x: egoX, y: 0, z: 0 }, rotation: quatFromYaw(egoYaw) };
  const hl = PARKED_CAR.lengthM / 2;
  const hw = PARKED_CAR.widthM / 2;
  const world: Array<[number, number]> = [];
  const face = (x0: number, y0: number, x1: number, y1: number) => {
    const n = Math.round(Math.hypot(x1 - x0, y1 - y0) / 0.05);
    for (let i = 0; i <= n; i++) world.push([x0 + ((x1 - x0) * i) / n, y0 + ((y1 - y0) * i) / n]);
  };
  if (egoX < cx - hl) face(cx - hl, cy - hw, cx - hl, cy + hw);
  if (egoX > cx + hl) face(cx + hl, cy - hw, cx + hl, cy + hw);
  // The ego drives along y = 0: the car's lower side faces it when the car stands beside the lane.
  if (cy - hw > 0) face(cx - hl, cy - hw, cx + hl, cy - hw);
  const c = Math.cos(-egoYaw);
  const s = Math.sin(-egoYaw);
  const points: number[] = [];
  for (const [x, y] of world) {
    // Only what a lidar sees of the side in one sweep: the part within 25 m of it.
    if (Math.hypot(x - egoX, y) > 25) continue;
    const dx = x - egoX;
    for (const z of [-1.2, -0.7]) points.push(dx * c - y * s, dx * s + y * c, z);
  }
  return { points: Float32Array.from(points), groundZM: -1.7, worldFromLidar: pose };
}
