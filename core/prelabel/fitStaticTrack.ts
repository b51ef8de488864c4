import { fitBoxToSegment } from "../fit/fitBoxToSegment";
import { rotatedExtents } from "../fit/rotatedExtents";
import { type Pose3, transformPoint } from "../geometry/pose";
import type { Vec3 } from "../geometry/vec3";
import type { CuboidSize } from "../model/Cuboid";

/** One frame's view of a tracked object: its points and ground height (lidar coordinates) and the ego pose. */
export interface TrackView {
  points: Float32Array;
  groundZM: number;
  worldFromLidar: Pose3;
}

export interface StaticTrackBox {
  /** World coordinates; z is the box's centre over the views' median ground. */
  centerM: Vec3;
  yawRad: number;
  size: CuboidSize;
}

/**
 * How far the gathered points may overrun the track's size (surfaces, pose noise), and fall short of
 * its length (a track that never showed a whole side does not say where the car is). On the
 * Argoverse log, 0.5 m / 0.3 m: 711 labelled boxes at BEV IoU ≥ 0.7 against 701 with per-frame boxes;
 * 0.8 m / 0.4 m let in tracks joined to a neighbour in some frames (699); bounded by the class's
 * largest car alone, 656.
 */
const LENGTH_SLACK_M = 0.5;
const WIDTH_SLACK_M = 0.3;
/** One point per this many metres of ground is plenty for the rectangle search (the fit dedupes at 5 cm anyway). */
const WORLD_CELL_M = 0.05;

/**
 * One box in the world for a vehicle that stood still while tracked, fitted to the points of all
 * its frames at once: each frame sees one or two faces of a parked car, and the views of a car
 * the ego drives past add up to its outline (Argoverse: per-frame boxes of parked cars slid by
 * 0.6–1 m along the car and turned 10–25° as the seen face changed, 47 boxes matched at BEV IoU
 * ≥ 0.7 before the track's per-frame refit and not after). Returns null when the gathered points
 * are longer or wider than `size` (a vehicle size the track's own views bounded) plus the slack:
 * the vehicle moved, or the track took in a neighbour or a hedge; or shorter than it: no frame
 * saw where the vehicle ends. The caller keeps its per-frame boxes then.
 *
 * `size` (fixed) and `yawHintRad` (world, searched within ±`yawWindowRad`; free when null) as
 * fitBoxToSegment takes them; the lidar stands, for the face-seen rules, at the mean ego position.
 */
export function fitStaticTrack(
  views: readonly TrackView[],
  size: CuboidSize,
  yawHintRad: number | null,
  yawWindowRad: number,
): StaticTrackBox | null {
  const first = views[0];
  if (!first) return null;
  // Points relative to the first ego position: world coordinates are too large for float32.
  const origin = first.worldFromLidar.translationM;
  const cells = new Set<number>();
  const gathered: number[] = [];
  const grounds: number[] = [];
  let sensorX = 0;
  let sensorY = 0;
  for (const v of views) {
    const p = v.points;
    let cx = 0;
    let cy = 0;
    for (let j = 0; j + 2 < p.length; j += 3) {
      const w = transformPoint(v.worldFromLidar, { x: p[j] ?? 0, y: p[j + 1] ?? 0, z: p[j + 2] ?? 0 });
      const x = w.x - origin.x;
      const y = w.y - origin.y;
      cx += p[j] ?? 0;
      cy += p[j + 1] ?? 0;
      const key = Math.floor(x / WORLD_CELL_M) * 1_000_003 + Math.floor(y / WORLD_CELL_M);
      if (cells.has(key)) continue;
      cells.add(key);
      gathered.push(x, y, w.z - origin.z);
    }
    const n = Math.max(1, p.length / 3);
    grounds.push(transformPoint(v.worldFromLidar, { x: cx / n, y: cy / n, z: v.groundZM }).z - origin.z);
    sensorX += v.worldFromLidar.translationM.x - origin.x;
    sensorY += v.worldFromLidar.translationM.y - origin.y;
  }
  if (gathered.length < 3) return null;
  const xyz = Float32Array.from(gathered);
  grounds.sort((a, b) => a - b);
  const groundZ = grounds[Math.floor(grounds.length / 2)] ?? 0;
  const ground = { cx: 0, cy: 0, z0: groundZ, slopeX: 0, slopeY: 0, supportCells: 1 };
  const box = fitBoxToSegment(xyz, ground, {
    priorSize: size,
    fixedSize: true,
    ...(yawHintRad === null ? {} : { yawHintRad, yawWindowRad }),
    sensorM: { x: sensorX / views.length, y: sensorY / views.length },
  });
  if (!box) return null;
  const xy = new Float32Array((xyz.length / 3) * 2);
  for (let i = 0; i < xyz.length / 3; i++) {
    xy[2 * i] = xyz[3 * i] ?? 0;
    xy[2 * i + 1] = xyz[3 * i + 1] ?? 0;
  }
  const e = rotatedExtents(xy, box.yawRad);
  const along = e.max1 - e.min1;
  const across = e.max2 - e.min2;
  if (Math.abs(along - size.lengthM) > LENGTH_SLACK_M || across > size.widthM + WIDTH_SLACK_M) return null;
  return {
    centerM: { x: box.centerM.x + origin.x, y: box.centerM.y + origin.y, z: box.centerM.z + origin.z },
    yawRad: box.yawRad,
    size: box.size,
  };
}
