import { type GroundGrid, groundZOf } from "./estimateGroundGrid";

/** Which 0.5 m BEV cells hold a point 2.5–6 m above the ground (see ClusterShape.overheadShare). */
export interface OverheadGrid {
  cellM: number;
  minX: number;
  minY: number;
  n: number;
  marked: Uint8Array;
  /** Cells holding a point TALL_FROM_M–TALL_TO_M above the ground: higher than any truck or bus. */
  tall: Uint8Array;
}

const CELL_M = 0.5;
/** From the clustering ceiling (clusterObstacles' 2.5 m) to above most canopies, awnings and signs. */
const FROM_M = 2.5;
const TO_M = 6;
/** A bus or a truck is at most ~4.2 m tall; a building, a tree or a pole goes on above it. */
const TALL_FROM_M = 4.5;
const TALL_TO_M = 12;

/** One pass over the points: marks the cells with something standing high above the ground. */
export function markOverhead(
  xyz: Float32Array,
  ground: GroundGrid,
  o: { maxRangeM: number; sensorM: { x: number; y: number } },
): OverheadGrid {
  const minX = o.sensorM.x - o.maxRangeM;
  const minY = o.sensorM.y - o.maxRangeM;
  const n = Math.ceil((2 * o.maxRangeM) / CELL_M);
  const marked = new Uint8Array(n * n);
  const tall = new Uint8Array(n * n);
  for (let j = 0; j < xyz.length; j += 3) {
    const gx = Math.floor(((xyz[j] ?? 0) - minX) / CELL_M);
    const gy = Math.floor(((xyz[j + 1] ?? 0) - minY) / CELL_M);
    if (gx < 0 || gy < 0 || gx >= n || gy >= n) continue;
    const h = (xyz[j + 2] ?? 0) - groundZOf(ground, xyz[j] ?? 0, xyz[j + 1] ?? 0);
    if (h > FROM_M && h <= TO_M) marked[gy * n + gx] = 1;
    if (h > TALL_FROM_M && h <= TALL_TO_M) tall[gy * n + gx] = 1;
  }
  return { cellM: CELL_M, minX, minY, n, marked, tall };
}

/** True when the cell under (x, y) has something high above the ground. */
export function overheadAt(g: OverheadGrid, x: number, y: number): boolean {
  const gx = Math.floor((x - g.minX) / g.cellM);
  const gy = Math.floor((y - g.minY) / g.cellM);
  if (gx < 0 || gy < 0 || gx >= g.n || gy >= g.n) return false;
  return g.marked[gy * g.n + gx] === 1;
}

/** True when the cell under (x, y) has something taller than any vehicle (TALL_FROM_M). */
export function tallAt(g: OverheadGrid, x: number, y: number): boolean {
  const gx = Math.floor((x - g.minX) / g.cellM);
  const gy = Math.floor((y - g.minY) / g.cellM);
  if (gx < 0 || gy < 0 || gx >= g.n || gy >= g.n) return false;
  return g.tall[gy * g.n + gx] === 1;
}
