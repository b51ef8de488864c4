import { rotatedExtents } from "../fit/rotatedExtents";
import { mergeClusters } from "./mergeClusters";
import { fitBoxToSegment } from "../fit/fitBoxToSegment";
import { searchRectangleAngle } from "../fit/searchRectangleAngle";
import type { Vec3 } from "../geometry/vec3";
import type { CuboidSize } from "../model/Cuboid";
import { DEFAULT_CLASSES } from "../model/defaultClasses";
import { type ClusterShape, classifyCluster, type PrelabelClass } from "./classifyCluster";
import { clusterObstacles, type ObstacleCluster } from "./clusterObstacles";
import { estimateGroundGrid } from "./estimateGroundGrid";
import { joinCarFragments } from "./joinCarFragments";
import { indexLowPoints, type LowPointIndex, lowPointsNear } from "./indexLowPoints";
import { type LowOcclusionGrid, lowOccludedShare, markLowOcclusion } from "./markLowOcclusion";
import { markOverhead, type OverheadGrid, overheadAt, tallAt } from "./markOverhead";
import { splitWalkerGroup, walkersInVehicleBlob } from "./splitWalkerGroup";

/** One box the pre-labeler proposes in one frame, lidar coordinates. */
export interface Detection {
  className: PrelabelClass;
  centerM: Vec3;
  size: CuboidSize;
  yawRad: number;
  /** 0..1, higher is surer. */
  score: number;
  pointCount: number;
  /** What the class was decided from. */
  shape: ClusterShape;
  /** The blob's points, lidar coordinates, xyz interleaved (a track's fit gathers them over its frames). */
  points: () => Float32Array;
  /**
   * Fits the box again to the same points with a given size (a track's), keeping the face seen
   * nearest the lidar and the heading within ±20° of `yawHintRad` (this detection's own heading
   * when absent); lidar coordinates.
   */
  refit: (
    size: CuboidSize,
    yawHintRad?: number,
  ) => { centerM: Vec3; size: CuboidSize; yawRad: number } | null;
}

export interface DetectOptions {
  /** Points beyond this BEV range are ignored: past ~80 m a 32–64 beam lidar leaves too few on a car. */
  maxRangeM?: number;
  /** Sizes per class (a project's own catalogue); the default catalogue otherwise. */
  classSizes?: Partial<Record<PrelabelClass, CuboidSize>>;
}

export const DEFAULT_MAX_RANGE_M = 80;
/** Blobs bigger than any vehicle (classifyCluster's limits) are split by a finer clustering. */
const MAX_VEHICLE_LENGTH_M = 14;
const MAX_VEHICLE_WIDTH_M = 3.4;
/**
 * Longer than a car (classifyCluster's truck length) is a truck or a bus only when it is as tall
 * as one; a long low blob is cars parked nose to tail joined by the coarse grid (Argoverse: two
 * 1.5 m cars, 9 m × 1.8 m, taken for one truck and their track sized to it): split it too.
 */
const MAX_CAR_LENGTH_M = 6.5;
const MIN_TRUCK_HEIGHT_M = 2.3;

/** A frame's points as the pre-labeler takes them: cloud-local xyz and the origin to add back. */
export interface FramePoints {
  positions: Float32Array;
  originM: Vec3;
}

/**
 * One frame → boxes: ground grid, clusters of what stands on it, a shape class per cluster,
 * then the auto-fit's box search (L-shape angle, extents completed by the class size where the
 * object is partly seen) with that class's size.
 */
export function detectObjects(frame: FramePoints, o: DetectOptions = {}): Detection[] {
  const maxRangeM = o.maxRangeM ?? DEFAULT_MAX_RANGE_M;
  // The lidar sits at the lidar frame's origin, i.e. at −originM in cloud-local coordinates.
  const sensorM = { x: -frame.originM.x, y: -frame.originM.y };
  const ground = estimateGroundGrid(frame.positions, { maxRangeM, sensorM });
  const clusters = clusterObstacles(frame.positions, ground, { maxRangeM, sensorM });
  const overhead = markOverhead(frame.positions, ground, { maxRangeM, sensorM });
  const occlusion = markLowOcclusion(frame.positions, ground, { maxRangeM, sensorM });
  const lowPoints = indexLowPoints(frame.positions, ground, { maxRangeM, sensorM });
  const out: Detection[] = [];
  // Each blob's shape is measured once: the rectangle search in it is half the pre-labeler's time
  // (Argoverse: 56 % of a frame's CPU), and the split test and the classifier read the same shape.
  const shapes = new WeakMap<ObstacleCluster, ClusterShape>();
  const shapeOf = (c: ObstacleCluster): ClusterShape => {
    const known = shapes.get(c);
    if (known) return known;
    const shape = measureShape(c, sensorM, overhead, occlusion);
    shapes.set(c, shape);
    return shape;
  };
  const all: ObstacleCluster[] = [];
  for (const cluster of clusters) {
    const shape = shapeOf(cluster);
    if (!needsSplit(shape)) all.push(cluster);
    else {
      const pieces = clusterObstacles(cluster.xyz, ground, { maxRangeM, sensorM, fine: true });
      // Only a row of cars is made of car parts; a blob bigger than any vehicle also holds people
      // standing beside cars and walls, whom the absorption would swallow.
      all.push(...(isOversize(shape) ? pieces : absorbFragments(pieces)));
    }
  }
  const o3 = frame.originM;
  const toLidar = (p: Vec3): Vec3 => ({ x: p.x + o3.x, y: p.y + o3.y, z: p.z + o3.z });
  const detect = (c: ObstacleCluster) => detectOne(c, sensorM, shapeOf, lowPoints, o.classSizes ?? {});
  const found = all
    .flatMap((c) => walkersOf(c, sensorM, shapeOf))
    .map((cluster) => ({
      cluster,
      d: detect(cluster),
    }));
  const classSize = (name: string) =>
    o.classSizes?.[name as PrelabelClass] ?? catalogueSize(name as PrelabelClass);
  for (const { cluster, d } of joinCarFragments(found, detect, classSize)) {
    if (!d) continue;
    const flatGround = { cx: 0, cy: 0, z0: cluster.groundZM, slopeX: 0, slopeY: 0, supportCells: 1 };
    out.push({
      ...d,
      centerM: toLidar(d.centerM),
      points: () => {
        const p = cluster.xyz;
        const lidar = new Float32Array(p.length);
        for (let j = 0; j + 2 < p.length; j += 3) {
          lidar[j] = (p[j] ?? 0) + o3.x;
          lidar[j + 1] = (p[j + 1] ?? 0) + o3.y;
          lidar[j + 2] = (p[j + 2] ?? 0) + o3.z;
        }
        return lidar;
      },
      refit: (size, yawHintRad = d.yawRad) => {
        const box = fitBoxToSegment(cluster.xyz, flatGround, {
          priorSize: size,
          fixedSize: true,
          yawHintRad,
          yawWindowRad: REFIT_YAW_WINDOW_RAD,
          sensorM,
        });
        return box && { centerM: toLidar(box.centerM), size: box.size, yawRad: box.yawRad };
      },
    });
  }
  return out;
}

/**
 * A blob cut into walkers (splitWalkerGroup) when the classifier knows it as nothing or as a
 * cyclist and some part looks like a walker, every other like a walker or a cyclist
 * (SUSTechPOINTS: two walkers beside a 2.5 m sign, 1.8 m × 1.6 m, rejected whole; a walker beside
 * one pushing a pram, 2.1 m × 0.9 m, one cyclist). A blob called a vehicle or one walker stays
 * whole: on Argoverse, 40 car-like blobs of 30–120 points next to labelled cars came apart into
 * two "walkers" (a windscreen's pillars, a car and its mirror), and walker-sized blobs are mostly
 * one person; unless the parts are walkers with a body's points each (walkersInVehicleBlob).
 */
function walkersOf(
  cluster: ObstacleCluster,
  sensorM: { x: number; y: number },
  shapeOf: (c: ObstacleCluster) => ClusterShape,
): ObstacleCluster[] {
  const p = cluster.xyz;
  const n = p.length / 3;
  let sx = 0;
  let sy = 0;
  for (let i = 0; i < n; i++) {
    sx += p[3 * i] ?? 0;
    sy += p[3 * i + 1] ?? 0;
  }
  const parts = splitWalkerGroup(cluster, Math.hypot(sx / n - sensorM.x, sy / n - sensorM.y));
  if (parts.length === 1) return parts;
  // The parts are smaller than the blob, so cheaper to measure (the rectangle search is most of
  // the pre-labeler's time): they go first, and the blob is measured only when a walker is found.
  const classes = parts.map((c) => classifyCluster(shapeOf(c))?.className);
  if (!classes.includes("Pedestrian")) return [cluster];
  const wholeShape = shapeOf(cluster);
  const whole = classifyCluster(wholeShape)?.className ?? null;
  const people = classes.every((c) => c === "Pedestrian") && walkersInVehicleBlob(wholeShape.lengthM, parts);
  if (whole !== null && whole !== "Cyclist" && !people) return [cluster];
  return whole === null || classes.every((c) => c === "Pedestrian" || c === "Cyclist") ? parts : [cluster];
}

const REFIT_YAW_WINDOW_RAD = (20 * Math.PI) / 180;

/** How far outside a bigger piece's BEV bounds a piece's centre may lie and still be part of it. */
const FRAGMENT_MARGIN_M = 0.3;

/**
 * The fine pass cuts the thin links between objects, and also a roof or a bonnet whose rings lie
 * more than a fine cell apart (a car at 25 m came back as a car, a strip of its roof and a
 * person-sized stub): a piece whose BEV centre lies within a bigger piece's bounds joins it.
 */
export function absorbFragments(pieces: ObstacleCluster[]): ObstacleCluster[] {
  const bounds = (c: ObstacleCluster) => {
    let x0 = Number.POSITIVE_INFINITY;
    let x1 = Number.NEGATIVE_INFINITY;
    let y0 = Number.POSITIVE_INFINITY;
    let y1 = Number.NEGATIVE_INFINITY;
    for (let j = 0; j < c.xyz.length; j += 3) {
      const x = c.xyz[j] ?? 0;
      const y = c.xyz[j + 1] ?? 0;
      x0 = Math.min(x0, x);
      x1 = Math.max(x1, x);
      y0 = Math.min(y0, y);
      y1 = Math.max(y1, y);
    }
    return { x0, x1, y0, y1 };
  };
  const sorted = [...pieces].sort((a, b) => b.xyz.length - a.xyz.length);
  const kept: Array<{ parts: ObstacleCluster[]; box: ReturnType<typeof bounds> }> = [];
  for (const piece of sorted) {
    const b = bounds(piece);
    const cx = (b.x0 + b.x1) / 2;
    const cy = (b.y0 + b.y1) / 2;
    const m = FRAGMENT_MARGIN_M;
    const host = kept.find(
      (k) => cx >= k.box.x0 - m && cx <= k.box.x1 + m && cy >= k.box.y0 - m && cy <= k.box.y1 + m,
    );
    if (host) host.parts.push(piece);
    else kept.push({ parts: [piece], box: b });
  }
  return kept.map(({ parts }) => mergeClusters(parts));
}

/** Blobs no single vehicle makes: wider or longer than any, or longer than a car but not tall. */
export const needsSplit = (s: Pick<ClusterShape, "lengthM" | "widthM" | "heightM">): boolean =>
  isOversize(s) || (s.lengthM > MAX_CAR_LENGTH_M && s.heightM < MIN_TRUCK_HEIGHT_M);
const isOversize = (s: Pick<ClusterShape, "lengthM" | "widthM">): boolean =>
  s.lengthM > MAX_VEHICLE_LENGTH_M || s.widthM > MAX_VEHICLE_WIDTH_M;

function detectOne(
  cluster: ObstacleCluster,
  sensorM: { x: number; y: number },
  shapeOf: (c: ObstacleCluster) => ClusterShape,
  lowPoints: LowPointIndex,
  classSizes: Partial<Record<PrelabelClass, CuboidSize>>,
): Omit<Detection, "refit" | "points"> | null {
  const shape = shapeOf(cluster);
  const cls = classifyCluster(shape);
  if (!cls) return null;
  const priorSize = classSizes[cls.className] ?? catalogueSize(cls.className);
  const flatGround = { cx: 0, cy: 0, z0: cluster.groundZM, slopeX: 0, slopeY: 0, supportCells: 1 };
  const box = fitBoxToSegment(cluster.xyz, flatGround, {
    priorSize,
    sensorM,
    ...(VRU.has(cls.className)
      ? {}
      : { rays: { surroundings: surroundingsOf(cluster, priorSize, lowPoints) } }),
  });
  if (!box) return null;
  // More points, surer: 30 points (a car at ~40 m) give 0.78 of the shape score, 100 give 0.98.
  // A person needs more: 20 points (a walker at ~25 m on a 40-beam lidar) give 0.75, 8 give
  // 0.15; poles, posts and bushes split into person-sized stubs rarely hold more than 10.
  const support =
    cls.className === "Pedestrian"
      ? Math.min(1, Math.max(0, (shape.pointCount - 5) / 20))
      : 0.4 + 0.6 * (1 - Math.exp(-shape.pointCount / 30));
  return {
    className: cls.className,
    centerM: box.centerM,
    size: box.size,
    yawRad: box.yawRad,
    score: cls.shapeScore * support * (1 - 0.5 * box.outsideShare),
    pointCount: shape.pointCount,
    shape,
  };
}

const VRU: ReadonlySet<PrelabelClass> = new Set(["Pedestrian", "Cyclist"]);

/**
 * What the lidar saw near bumper height around a vehicle-like blob, for the fit's line-of-sight
 * heading check (core/fit headingByRays: a far car's rear seen square-on is otherwise boxed as
 * a side, turned 90°) and the length completion (clearExtensionM): as far as a class-size box
 * laid from any of its points reaches, plus the 1 m margin those functions take.
 */
function surroundingsOf(cluster: ObstacleCluster, prior: CuboidSize, index: LowPointIndex): Float32Array {
  const p = cluster.xyz;
  let x0 = Number.POSITIVE_INFINITY;
  let x1 = Number.NEGATIVE_INFINITY;
  let y0 = Number.POSITIVE_INFINITY;
  let y1 = Number.NEGATIVE_INFINITY;
  for (let i = 0; i + 2 < p.length; i += 3) {
    x0 = Math.min(x0, p[i] ?? 0);
    x1 = Math.max(x1, p[i] ?? 0);
    y0 = Math.min(y0, p[i + 1] ?? 0);
    y1 = Math.max(y1, p[i + 1] ?? 0);
  }
  const radiusM = Math.hypot(x1 - x0, y1 - y0) / 2 + Math.hypot(prior.lengthM, prior.widthM) + 1;
  return lowPointsNear(index, (x0 + x1) / 2, (y0 + y1) / 2, radiusM);
}

const catalogueSize = (name: PrelabelClass): CuboidSize => {
  const found = DEFAULT_CLASSES.find((c) => c.name === name);
  if (!found) throw new Error(`class "${name}" is not in the default catalogue`);
  return { ...found.defaultSize };
};

/** The tightest BEV rectangle of the points, its height and how wide its top is. */
export function measureShape(
  cluster: ObstacleCluster,
  sensorM: { x: number; y: number },
  overhead: OverheadGrid | null = null,
  occlusion: LowOcclusionGrid | null = null,
): ClusterShape {
  const p = cluster.xyz;
  const n = p.length / 3;
  const xy = new Float32Array(2 * n);
  let sx = 0;
  let sy = 0;
  for (let i = 0; i < n; i++) {
    xy[2 * i] = p[3 * i] ?? 0;
    xy[2 * i + 1] = p[3 * i + 1] ?? 0;
    sx += p[3 * i] ?? 0;
    sy += p[3 * i + 1] ?? 0;
  }
  const theta = searchRectangleAngle(xy);
  const c = Math.cos(theta);
  const s = Math.sin(theta);
  const { min1, max1, min2, max2 } = rotatedExtents(xy, theta);
  const firstIsLong = max1 - min1 >= max2 - min2;
  const lengthM = Math.max(max1 - min1, max2 - min2);
  const widthM = Math.min(max1 - min1, max2 - min2);
  // Spans along the long side of the top 30 % and of the bottom 40 % of the object's height
  // above the 0.3 m ground cut (clusterObstacles): 0.3–0.8 m on a car, its bumpers and doors.
  const upperZ = cluster.groundZM + 0.7 * cluster.heightM;
  const lowerZ = cluster.groundZM + 0.3 + 0.4 * (cluster.heightM - 0.3);
  let uMin = Number.POSITIVE_INFINITY;
  let uMax = Number.NEGATIVE_INFINITY;
  let lMin = Number.POSITIVE_INFINITY;
  let lMax = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < n; i++) {
    const z = p[3 * i + 2] ?? 0;
    if (z > lowerZ && z < upperZ) continue;
    const along = firstIsLong
      ? (xy[2 * i] ?? 0) * c + (xy[2 * i + 1] ?? 0) * s
      : -(xy[2 * i] ?? 0) * s + (xy[2 * i + 1] ?? 0) * c;
    if (z >= upperZ) {
      uMin = Math.min(uMin, along);
      uMax = Math.max(uMax, along);
    } else {
      lMin = Math.min(lMin, along);
      lMax = Math.max(lMax, along);
    }
  }
  const span = (lo: number, hi: number) => (lengthM > 0 && hi >= lo ? (hi - lo) / lengthM : 0);
  let covered = 0;
  let towered = 0;
  if (overhead)
    for (let i = 0; i < n; i++) {
      if (overheadAt(overhead, xy[2 * i] ?? 0, xy[2 * i + 1] ?? 0)) covered++;
      if (tallAt(overhead, xy[2 * i] ?? 0, xy[2 * i + 1] ?? 0)) towered++;
    }
  return {
    overheadShare: covered / n,
    tallShare: towered / n,
    lowOccludedShare: occlusion ? lowOccludedShare(occlusion, p) : 0,
    lengthM,
    widthM,
    heightM: cluster.heightM,
    upperSpanRatio: span(uMin, uMax),
    lowerSpanRatio: span(lMin, lMax),
    pointCount: n,
    rangeM: Math.hypot(sx / n - sensorM.x, sy / n - sensorM.y),
  };
}
