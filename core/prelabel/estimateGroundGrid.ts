/**
 * The ground height under every 1 m BEV cell of a frame, estimated from the points themselves:
 * nothing assumes z = 0 or a sensor height, and the grid follows slopes cell by cell.
 */
export interface GroundGrid {
  cellM: number;
  minX: number;
  minY: number;
  nx: number;
  ny: number;
  /** Ground z per cell (row-major, x fastest), cloud-local metres; NaN in cells that hold no point. */
  groundZ: Float32Array;
}

export interface GroundGridOptions {
  /** Only points within this BEV distance of the sensor are used (and later labelled). */
  maxRangeM: number;
  /** The sensor's position in cloud-local coordinates. */
  sensorM: { x: number; y: number };
}

const CELL_M = 1;
/** Half-width, in cells, of the window whose low percentile seeds each cell's ground (7 m × 7 m). */
const WINDOW_CELLS = 3;
/**
 * The seed is this low percentile of the window's per-cell minima: cells under cars, walls and
 * bushes have high minima, so the lowest tenth of a 7 m window is road, kerb or verge even when
 * most of the window is covered; taking the very lowest would follow multipath points below it.
 */
const SEED_PERCENTILE = 0.1;
/**
 * A cell's own lowest point is its ground when it lies this close to the seed: a 10 % slope rises
 * 0.35 m across the 3.5 m from the window's edge, so the seed alone would cut the uphill road.
 */
const OWN_MIN_BELOW_M = 0.3;
const OWN_MIN_ABOVE_M = 0.35;

/**
 * Two passes over 1 m cells: the lowest point of each cell, then per cell a seed (a low
 * percentile of the minima around it) that the cell's own minimum replaces when it is near it.
 */
export function estimateGroundGrid(xyz: Float32Array, o: GroundGridOptions): GroundGrid {
  const r = o.maxRangeM;
  const minX = o.sensorM.x - r;
  const minY = o.sensorM.y - r;
  const nx = Math.ceil((2 * r) / CELL_M);
  const ny = nx;
  const cellMin = new Float32Array(nx * ny).fill(Number.POSITIVE_INFINITY);
  for (let j = 0; j < xyz.length; j += 3) {
    const gx = Math.floor(((xyz[j] ?? 0) - minX) / CELL_M);
    const gy = Math.floor(((xyz[j + 1] ?? 0) - minY) / CELL_M);
    if (gx < 0 || gy < 0 || gx >= nx || gy >= ny) continue;
    const c = gy * nx + gx;
    const z = xyz[j + 2] ?? Number.POSITIVE_INFINITY;
    if (z < (cellMin[c] ?? Number.POSITIVE_INFINITY)) cellMin[c] = z;
  }
  const groundZ = new Float32Array(nx * ny).fill(Number.NaN);
  const window: number[] = [];
  for (let gy = 0; gy < ny; gy++) {
    for (let gx = 0; gx < nx; gx++) {
      const own = cellMin[gy * nx + gx] ?? Number.POSITIVE_INFINITY;
      // Only cells holding points are ever asked: skipping the empty ones halves the time.
      if (own === Number.POSITIVE_INFINITY) continue;
      window.length = 0;
      for (let dy = -WINDOW_CELLS; dy <= WINDOW_CELLS; dy++) {
        const y = gy + dy;
        if (y < 0 || y >= ny) continue;
        for (let dx = -WINDOW_CELLS; dx <= WINDOW_CELLS; dx++) {
          const x = gx + dx;
          if (x < 0 || x >= nx) continue;
          const v = cellMin[y * nx + x] ?? Number.POSITIVE_INFINITY;
          if (v !== Number.POSITIVE_INFINITY) window.push(v);
        }
      }
      window.sort((a, b) => a - b);
      const seed = window[Math.floor(window.length * SEED_PERCENTILE)] ?? own;
      groundZ[gy * nx + gx] = own >= seed - OWN_MIN_BELOW_M && own <= seed + OWN_MIN_ABOVE_M ? own : seed;
    }
  }
  return { cellM: CELL_M, minX, minY, nx, ny, groundZ };
}

/** Ground z under (x, y), or NaN outside the grid or in a cell that holds no point. */
export function groundZOf(g: GroundGrid, x: number, y: number): number {
  const gx = Math.floor((x - g.minX) / g.cellM);
  const gy = Math.floor((y - g.minY) / g.cellM);
  if (gx < 0 || gy < 0 || gx >= g.nx || gy >= g.ny) return Number.NaN;
  return g.groundZ[gy * g.nx + gx] ?? Number.NaN;
}
