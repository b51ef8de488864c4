import { estimateGroundLift, type GroundLift } from "./estimateGroundLift";
import type { FrameIndex } from "./FrameIndex";
import { refineEgoMotion } from "./refineEgoMotion";

/**
 * An ego motion registered in BEV: p_a = Rz(yawRad)·Ry(pitch)·Rx(roll)·p_b + (xM, yM, zM), i.e.
 * aFromB for two frames' lidar coordinates, with height and tilt from the ground (absent: level).
 */
export interface PlanarMotion {
  xM: number;
  yM: number;
  yawRad: number;
  /** Share of b's structure cells that land on a's structure cells after the motion (0..1). */
  overlap: number;
  /** Height and tilt of b in a (estimateGroundLift); absent where not measured (level). */
  lift?: GroundLift;
}

export interface EgoMotionOptions {
  /** Largest translation searched, metres (default 25: 15 m/s for 1.5 s with margin). */
  maxTranslationM?: number;
  /** Largest rotation searched, radians (default 0.15 ≈ 8.6°). */
  maxYawRad?: number;
  /** Only structure within this range of each sensor is used, metres. */
  rangeM?: number;
}

/**
 * Ego motion between two sweeps of one lidar when the scene has no poses: exhaustive
 * correlation of the two frames' "structure" cells (BEV cells whose points span more than 0.4 m
 * in height: walls, poles, trunks, vehicles, never flat ground), first on a 1 m grid over the whole
 * search range, then on 0.25 m and 0.1 m grids around the best. Moving objects are a minority of the
 * structure, so they only lower the overlap. A last 0.1 m pass takes the translation from ±0.125 m
 * (the 0.25 m grid's) to ±0.05 m, and refineEgoMotion takes it off the lattice; the ground both
 * see gives the height and tilt (estimateGroundLift). Lidar coordinates of each frame (originM applied).
 */
export function estimateEgoMotion(
  a: FrameIndex,
  b: FrameIndex,
  options: EgoMotionOptions = {},
): PlanarMotion {
  const maxT = options.maxTranslationM ?? 25;
  const maxYaw = options.maxYawRad ?? 0.15;
  const rangeM = options.rangeM ?? 50;
  let best = { xM: 0, yM: 0, yawRad: 0, overlap: 0 };
  // Each level searches more than one step of the level before either side: on 1 m cells a turn
  // hardly changes the overlap, so the first level can land a full 0.02 rad step off (a 0.01 rad
  // turn answered −0.01), which a ±0.015 window at 0.25 m could not reach back from (it answered
  // −0.002: 0.36 m off at 30 m).
  const levels = [
    { cellM: 1, tRange: maxT, yawRange: maxYaw, yawStep: 0.02 },
    { cellM: 0.25, tRange: 1.5, yawRange: 0.025, yawStep: 0.0025 },
    { cellM: 0.1, tRange: 0.3, yawRange: 0.003, yawStep: 0.001 },
  ];
  for (const level of levels) {
    const gridA = structureGrid(a, level.cellM, rangeM + maxT);
    const cellsB = structureCells(b, level.cellM, rangeM);
    const steps = Math.round(level.tRange / level.cellM);
    let levelBest = { ...best, overlap: -1 };
    for (
      let yaw = best.yawRad - level.yawRange;
      yaw <= best.yawRad + level.yawRange + 1e-9;
      yaw += level.yawStep
    ) {
      const c = Math.cos(yaw);
      const s = Math.sin(yaw);
      // Rotate b's cells once per yaw; translations are then integer cell shifts plus the current best.
      const rx = new Int32Array(cellsB.length / 2);
      const ry = new Int32Array(cellsB.length / 2);
      for (let i = 0; i < rx.length; i++) {
        const x = cellsB[2 * i] ?? 0;
        const y = cellsB[2 * i + 1] ?? 0;
        rx[i] = Math.floor((c * x - s * y + best.xM - gridA.minX) / level.cellM);
        ry[i] = Math.floor((s * x + c * y + best.yM - gridA.minY) / level.cellM);
      }
      for (let dy = -steps; dy <= steps; dy++) {
        for (let dx = -steps; dx <= steps; dx++) {
          let hits = 0;
          for (let i = 0; i < rx.length; i++) {
            const gx = (rx[i] ?? 0) + dx;
            const gy = (ry[i] ?? 0) + dy;
            if (gx >= 0 && gy >= 0 && gx < gridA.n && gy < gridA.n && gridA.occupied[gy * gridA.n + gx])
              hits++;
          }
          const overlap = rx.length > 0 ? hits / rx.length : 0;
          if (overlap > levelBest.overlap) {
            levelBest = {
              xM: best.xM + dx * level.cellM,
              yM: best.yM + dy * level.cellM,
              yawRad: yaw,
              overlap,
            };
          }
        }
      }
    }
    best = levelBest;
  }
  const refined = refineEgoMotion(a, b, best, rangeM);
  const lift = estimateGroundLift(a, b, refined);
  return lift ? { ...refined, lift } : refined;
}

interface StructureGrid {
  minX: number;
  minY: number;
  n: number;
  occupied: Uint8Array;
}

/** Height span of each cell of a square grid of side 2·rangeM centred on the sensor. */
function heightSpans(
  index: FrameIndex,
  cellM: number,
  rangeM: number,
): { minZ: Float32Array; maxZ: Float32Array; n: number } {
  const n = Math.ceil((2 * rangeM) / cellM);
  const minZ = new Float32Array(n * n).fill(Number.POSITIVE_INFINITY);
  const maxZ = new Float32Array(n * n).fill(Number.NEGATIVE_INFINITY);
  const o = index.originM;
  const { xyz } = index;
  for (let j = 0; j < xyz.length; j += 3) {
    const gx = Math.floor(((xyz[j] ?? 0) + o.x + rangeM) / cellM);
    const gy = Math.floor(((xyz[j + 1] ?? 0) + o.y + rangeM) / cellM);
    if (gx < 0 || gy < 0 || gx >= n || gy >= n) continue;
    const c = gy * n + gx;
    const z = xyz[j + 2] ?? 0;
    if (z < (minZ[c] ?? 0)) minZ[c] = z;
    if (z > (maxZ[c] ?? 0)) maxZ[c] = z;
  }
  return { minZ, maxZ, n };
}

const STRUCTURE_SPAN_M = 0.4;

function structureGrid(index: FrameIndex, cellM: number, rangeM: number): StructureGrid {
  const { minZ, maxZ, n } = heightSpans(index, cellM, rangeM);
  const occupied = new Uint8Array(n * n);
  for (let c = 0; c < n * n; c++) occupied[c] = (maxZ[c] ?? 0) - (minZ[c] ?? 0) > STRUCTURE_SPAN_M ? 1 : 0;
  return { minX: -rangeM, minY: -rangeM, n, occupied };
}

/** Centres of the structure cells within rangeM of the sensor, interleaved x, y (lidar coordinates). */
function structureCells(index: FrameIndex, cellM: number, rangeM: number): Float32Array {
  const { minZ, maxZ, n } = heightSpans(index, cellM, rangeM);
  const out: number[] = [];
  for (let c = 0; c < n * n; c++) {
    if (!((maxZ[c] ?? 0) - (minZ[c] ?? 0) > STRUCTURE_SPAN_M)) continue;
    const x = -rangeM + ((c % n) + 0.5) * cellM;
    const y = -rangeM + (Math.floor(c / n) + 0.5) * cellM;
    if (x * x + y * y <= rangeM * rangeM) out.push(x, y);
  }
  return new Float32Array(out);
}
