import { type GroundGrid, groundZOf } from "./estimateGroundGrid";

/**
 * Per azimuth bin around the sensor, the BEV range of the nearest point standing 0.3–1.5 m above
 * the ground: whatever lies farther in that direction has its lower body hidden behind it.
 */
export interface LowOcclusionGrid {
  sensorM: { x: number; y: number };
  bins: number;
  nearestM: Float32Array;
}

/** 0.4° bins: a car at 40 m spans ~6°, so it is looked at through ~15 of them. */
const BINS = 900;
/** Heights above the ground of what hides a car's doors and bumpers from the lidar. */
const FROM_M = 0.3;
const TO_M = 1.5;
/** Something must stand at least this much nearer than the object's nearest point to hide it. */
const IN_FRONT_M = 0.5;

/** One pass over the points: the nearest low obstacle in every direction. */
export function markLowOcclusion(
  xyz: Float32Array,
  ground: GroundGrid,
  o: { maxRangeM: number; sensorM: { x: number; y: number } },
): LowOcclusionGrid {
  const nearestM = new Float32Array(BINS).fill(Number.POSITIVE_INFINITY);
  const r2 = o.maxRangeM * o.maxRangeM;
  for (let j = 0; j < xyz.length; j += 3) {
    const x = xyz[j] ?? 0;
    const y = xyz[j + 1] ?? 0;
    const dx = x - o.sensorM.x;
    const dy = y - o.sensorM.y;
    const d2 = dx * dx + dy * dy;
    if (d2 > r2) continue;
    const h = (xyz[j + 2] ?? 0) - groundZOf(ground, x, y);
    if (!(h >= FROM_M && h <= TO_M)) continue;
    const b = binOf(dx, dy);
    const d = Math.sqrt(d2);
    if (d < (nearestM[b] ?? 0)) nearestM[b] = d;
  }
  return { sensorM: o.sensorM, bins: BINS, nearestM };
}

const binOf = (dx: number, dy: number): number =>
  Math.min(BINS - 1, Math.floor(((Math.atan2(dy, dx) + Math.PI) / (2 * Math.PI)) * BINS));

/**
 * Share of an object's points (xyz interleaved, cloud-local) looked at past something low that
 * stands nearer than the object's own nearest point: how much of its lower body is hidden.
 */
export function lowOccludedShare(g: LowOcclusionGrid, xyz: Float32Array): number {
  const n = xyz.length / 3;
  if (n === 0) return 0;
  let nearest = Number.POSITIVE_INFINITY;
  for (let j = 0; j < xyz.length; j += 3)
    nearest = Math.min(nearest, Math.hypot((xyz[j] ?? 0) - g.sensorM.x, (xyz[j + 1] ?? 0) - g.sensorM.y));
  let hidden = 0;
  for (let j = 0; j < xyz.length; j += 3) {
    const b = binOf((xyz[j] ?? 0) - g.sensorM.x, (xyz[j + 1] ?? 0) - g.sensorM.y);
    if ((g.nearestM[b] ?? Number.POSITIVE_INFINITY) < nearest - IN_FRONT_M) hidden++;
  }
  return hidden / n;
}
