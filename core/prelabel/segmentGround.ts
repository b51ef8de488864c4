import { MIN_HEIGHT_M } from "./clusterObstacles";
import { DEFAULT_MAX_RANGE_M, type FramePoints } from "./detectObjects";
import { estimateGroundGrid, groundZOf } from "./estimateGroundGrid";

/**
 * One byte per point, in order: 1 where the point is ground (less than the clustering's 0.3 m
 * above the ground grid under it: road, kerbs, verges), 0 elsewhere, and 0 beyond `maxRangeM`
 * or in a cell holding no ground estimate (unknown is not ground). The ground is the same the
 * detector removes, so what a reviewer hides is what the pre-labeler ignored.
 */
export function segmentGround(frame: FramePoints, maxRangeM = DEFAULT_MAX_RANGE_M): Uint8Array {
  const sensorM = { x: -frame.originM.x, y: -frame.originM.y };
  const p = frame.positions;
  const ground = estimateGroundGrid(p, { maxRangeM, sensorM });
  const n = p.length / 3;
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const x = p[3 * i] ?? 0;
    const y = p[3 * i + 1] ?? 0;
    const g = groundZOf(ground, x, y);
    if (Number.isNaN(g)) continue;
    const dx = x - sensorM.x;
    const dy = y - sensorM.y;
    if (dx * dx + dy * dy > maxRangeM * maxRangeM) continue;
    if ((p[3 * i + 2] ?? 0) - g < MIN_HEIGHT_M) out[i] = 1;
  }
  return out;
}
