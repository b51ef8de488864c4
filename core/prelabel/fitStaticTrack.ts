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
  const local = views.map((v) => toLocal(v, origin));
  const all = fitGathered(local, size, yawHintRad, yawWindowRad);
  if (!all) return null;
  // A frame whose blob alone overruns the size took in a neighbour or a hedge: box without it.
  const clean = local.filter((v) => fits(rotatedExtents(v.xy, all.yawRad), size));
  const box = clean.length === local.length ? all : fitGathered(clean, size, yawHintRad, yawWindowRad);
  if (!box) return null;
  const e = rotatedExtents(box.xy, box.yawRad);
  if (!fits(e, size) || e.max1 - e.min1 < size.lengthM - LENGTH_SLACK_M) return null;
  return {
    centerM: { x: box.centerM.x + origin.x, y: box.centerM.y + origin.y, z: box.centerM.z + origin.z },
    yawRad: box.yawRad,
    size: box.size,
  };
}

/** Extents (along the length, across it) within the size plus the slack. */
const fits = (e: ReturnType<typeof rotatedExtents>, size: CuboidSize): boolean =>
  e.max1 - e.min1 <= size.lengthM + LENGTH_SLACK_M && e.max2 - e.min2 <= size.widthM + WIDTH_SLACK_M;

interface LocalView {
  xyz: Float32Array;
  xy: Float32Array;
  groundZM: number;
  sensorM: { x: number; y: number };
}

/** A view in world axes relative to `origin`: its points, their BEV, its ground and where the lidar stood. */
function toLocal(v: TrackView, origin: Vec3): LocalView {
  const p = v.points;
  const n = Math.floor(p.length / 3);
  const xyz = new Float32Array(3 * n);
  const xy = new Float32Array(2 * n);
  let cx = 0;
  let cy = 0;
  for (let i = 0; i < n; i++) {
    const w = transformPoint(v.worldFromLidar, {
      x: p[3 * i] ?? 0,
      y: p[3 * i + 1] ?? 0,
      z: p[3 * i + 2] ?? 0,
    });
    xyz[3 * i] = xy[2 * i] = w.x - origin.x;
    xyz[3 * i + 1] = xy[2 * i + 1] = w.y - origin.y;
    xyz[3 * i + 2] = w.z - origin.z;
    cx += p[3 * i] ?? 0;
    cy += p[3 * i + 1] ?? 0;
  }
  const m = Math.max(1, n);
  const ground = transformPoint(v.worldFromLidar, { x: cx / m, y: cy / m, z: v.groundZM });
  const t = v.worldFromLidar.translationM;
  return { xyz, xy, groundZM: ground.z - origin.z, sensorM: { x: t.x - origin.x, y: t.y - origin.y } };
}

/** The fixed-size box of the views' points together, with their BEV (one point per WORLD_CELL_M cell). */
function fitGathered(
  views: readonly LocalView[],
  size: CuboidSize,
  yawHintRad: number | null,
  yawWindowRad: number,
) {
  if (views.length === 0) return null;
  const cells = new Set<number>();
  const gathered: number[] = [];
  let sensorX = 0;
  let sensorY = 0;
  for (const v of views) {
    for (let j = 0; j + 2 < v.xyz.length; j += 3) {
      const x = v.xyz[j] ?? 0;
      const y = v.xyz[j + 1] ?? 0;
      const key = Math.floor(x / WORLD_CELL_M) * 1_000_003 + Math.floor(y / WORLD_CELL_M);
      if (cells.has(key)) continue;
      cells.add(key);
      gathered.push(x, y, v.xyz[j + 2] ?? 0);
    }
    sensorX += v.sensorM.x;
    sensorY += v.sensorM.y;
  }
  if (gathered.length < 9) return null;
  const xyz = Float32Array.from(gathered);
  const grounds = views.map((v) => v.groundZM).sort((a, b) => a - b);
  const z0 = grounds[Math.floor(grounds.length / 2)] ?? 0;
  const box = fitBoxToSegment(
    xyz,
    { cx: 0, cy: 0, z0, slopeX: 0, slopeY: 0, supportCells: 1 },
    {
      priorSize: size,
      fixedSize: true,
      ...(yawHintRad === null ? {} : { yawHintRad, yawWindowRad }),
      sensorM: { x: sensorX / views.length, y: sensorY / views.length },
    },
  );
  if (!box) return null;
  const xy = new Float32Array((xyz.length / 3) * 2);
  for (let i = 0; i < xyz.length / 3; i++) {
    xy[2 * i] = xyz[3 * i] ?? 0;
    xy[2 * i + 1] = xyz[3 * i + 1] ?? 0;
  }
  return { ...box, xy };
}
