import type { PointCloud } from "./PointCloud";

/**
 * A frame's points bucketed on a bird's-eye-view grid, built once per frame so that every click
 * only touches the cells near it. Coordinates are the cloud's own (origin-relative) metres.
 */
export interface FrameIndex {
  cellM: number;
  minX: number;
  minY: number;
  nx: number;
  ny: number;
  /** Points of cell c are xyz[3·cellStart[c] .. 3·cellStart[c+1]); cells are row-major, x fastest. */
  cellStart: Uint32Array;
  /** Point positions sorted by cell, xyz interleaved, cloud-local metres. */
  xyz: Float32Array;
  pointCount: number;
  /** Add to a cloud-local position to get lidar coordinates. */
  originM: { x: number; y: number; z: number };
}

/** Grid cells at most this many: a 0.5 m grid covers ±500 m; wider clouds get coarser cells. */
const MAX_CELLS = 4_000_000;

/** Buckets the cloud by a counting sort: two passes over the points, O(n + cells). */
export function buildFrameIndex(cloud: PointCloud, cellM = 0.5): FrameIndex {
  const n = cloud.pointCount;
  const p = cloud.positions;
  let minX = Number.POSITIVE_INFINITY;
  let minY = Number.POSITIVE_INFINITY;
  let maxX = Number.NEGATIVE_INFINITY;
  let maxY = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < n; i++) {
    const x = p[3 * i] ?? 0;
    const y = p[3 * i + 1] ?? 0;
    if (x < minX) minX = x;
    if (x > maxX) maxX = x;
    if (y < minY) minY = y;
    if (y > maxY) maxY = y;
  }
  if (n === 0) minX = minY = maxX = maxY = 0;
  let cell = cellM;
  while (((maxX - minX) / cell + 1) * ((maxY - minY) / cell + 1) > MAX_CELLS) cell *= 2;
  const nx = Math.floor((maxX - minX) / cell) + 1;
  const ny = Math.floor((maxY - minY) / cell) + 1;
  const cellOf = new Uint32Array(n);
  const cellStart = new Uint32Array(nx * ny + 1);
  for (let i = 0; i < n; i++) {
    const c =
      Math.floor(((p[3 * i + 1] ?? 0) - minY) / cell) * nx + Math.floor(((p[3 * i] ?? 0) - minX) / cell);
    cellOf[i] = c;
    cellStart[c + 1] = (cellStart[c + 1] ?? 0) + 1;
  }
  for (let c = 1; c <= nx * ny; c++) cellStart[c] = (cellStart[c] ?? 0) + (cellStart[c - 1] ?? 0);
  const cursor = cellStart.slice(0, nx * ny);
  const xyz = new Float32Array(3 * n);
  for (let i = 0; i < n; i++) {
    const c = cellOf[i] ?? 0;
    const slot = cursor[c] ?? 0;
    cursor[c] = slot + 1;
    const dst = 3 * slot;
    xyz[dst] = p[3 * i] ?? 0;
    xyz[dst + 1] = p[3 * i + 1] ?? 0;
    xyz[dst + 2] = p[3 * i + 2] ?? 0;
  }
  return { cellM: cell, minX, minY, nx, ny, cellStart, xyz, pointCount: n, originM: { ...cloud.originM } };
}

/** Points whose BEV distance to (cx, cy) is at most radiusM, as a new xyz-interleaved array (cloud-local). */
export function gatherDisc(index: FrameIndex, cx: number, cy: number, radiusM: number): Float32Array {
  const { cellM, minX, minY, nx, ny, cellStart, xyz } = index;
  const x0 = Math.max(0, Math.floor((cx - radiusM - minX) / cellM));
  const x1 = Math.min(nx - 1, Math.floor((cx + radiusM - minX) / cellM));
  const y0 = Math.max(0, Math.floor((cy - radiusM - minY) / cellM));
  const y1 = Math.min(ny - 1, Math.floor((cy + radiusM - minY) / cellM));
  if (x0 > x1 || y0 > y1) return new Float32Array(0);
  const r2 = radiusM * radiusM;
  let count = 0;
  for (let gy = y0; gy <= y1; gy++)
    count += (cellStart[gy * nx + x1 + 1] ?? 0) - (cellStart[gy * nx + x0] ?? 0);
  const out = new Float32Array(3 * count);
  let k = 0;
  for (let gy = y0; gy <= y1; gy++) {
    // Cells of one row are contiguous in xyz, so a row is one linear scan.
    const end = 3 * (cellStart[gy * nx + x1 + 1] ?? 0);
    for (let j = 3 * (cellStart[gy * nx + x0] ?? 0); j < end; j += 3) {
      const dx = (xyz[j] ?? 0) - cx;
      const dy = (xyz[j + 1] ?? 0) - cy;
      if (dx * dx + dy * dy <= r2) {
        out[k++] = xyz[j] ?? 0;
        out[k++] = xyz[j + 1] ?? 0;
        out[k++] = xyz[j + 2] ?? 0;
      }
    }
  }
  return out.subarray(0, k);
}
