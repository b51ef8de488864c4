import { type GroundGrid, groundZOf } from "./estimateGroundGrid";

/**
 * A frame's points near bumper height, binned on a coarse BEV grid, so that each object's box
 * search can look at what the lidar saw around it (core/fit headingByRays, clearExtensionM)
 * without a pass over the whole frame per object: 200 car-like blobs × 100k points was ~20M
 * point visits a frame, the index makes it one pass plus a few hundred points per blob.
 */
export interface LowPointIndex {
  cellM: number;
  /** xyz of the points in each occupied cell, cloud-local. */
  cells: Map<number, number[]>;
  minX: number;
  minY: number;
  nx: number;
}

const CELL_M = 4;
/**
 * headingByRays keeps points 0.3–1.0 m above a flat ground at the object's mean ground height;
 * the band is wider here so that a sloped road under the neighbourhood loses none of them.
 */
const LOW_FROM_M = 0.1;
const LOW_TO_M = 1.3;

export function indexLowPoints(
  xyz: Float32Array,
  ground: GroundGrid,
  o: { maxRangeM: number; sensorM: { x: number; y: number } },
): LowPointIndex {
  const minX = o.sensorM.x - o.maxRangeM;
  const minY = o.sensorM.y - o.maxRangeM;
  const nx = Math.ceil((2 * o.maxRangeM) / CELL_M) + 1;
  const cells = new Map<number, number[]>();
  for (let i = 0; i + 2 < xyz.length; i += 3) {
    const x = xyz[i] ?? 0;
    const y = xyz[i + 1] ?? 0;
    const cx = Math.floor((x - minX) / CELL_M);
    const cy = Math.floor((y - minY) / CELL_M);
    if (cx < 0 || cy < 0 || cx >= nx || cy >= nx) continue;
    const g = groundZOf(ground, x, y);
    if (Number.isNaN(g)) continue;
    const h = (xyz[i + 2] ?? 0) - g;
    if (h < LOW_FROM_M || h > LOW_TO_M) continue;
    const c = cy * nx + cx;
    const list = cells.get(c);
    if (list) list.push(x, y, xyz[i + 2] ?? 0);
    else cells.set(c, [x, y, xyz[i + 2] ?? 0]);
  }
  return { cellM: CELL_M, cells, minX, minY, nx };
}

/** The indexed points within radiusM (BEV) of (x, y): xyz interleaved. */
export function lowPointsNear(index: LowPointIndex, x: number, y: number, radiusM: number): Float32Array {
  const out: number[] = [];
  const c0 = Math.floor((x - radiusM - index.minX) / index.cellM);
  const c1 = Math.floor((x + radiusM - index.minX) / index.cellM);
  const r0 = Math.floor((y - radiusM - index.minY) / index.cellM);
  const r1 = Math.floor((y + radiusM - index.minY) / index.cellM);
  const r2 = radiusM * radiusM;
  for (let r = Math.max(0, r0); r <= Math.min(index.nx - 1, r1); r++)
    for (let c = Math.max(0, c0); c <= Math.min(index.nx - 1, c1); c++) {
      const list = index.cells.get(r * index.nx + c);
      if (!list) continue;
      for (let j = 0; j < list.length; j += 3) {
        const px = list[j] ?? 0;
        const py = list[j + 1] ?? 0;
        if ((px - x) ** 2 + (py - y) ** 2 <= r2) out.push(px, py, list[j + 2] ?? 0);
      }
    }
  return new Float32Array(out);
}
