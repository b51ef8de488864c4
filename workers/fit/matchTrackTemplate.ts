import type { OrientedBox } from "../../core/geometry/cuboidCorners";
import type { Vec3 } from "../../core/geometry/vec3";
import { estimateLocalGround, groundZAt } from "./estimateLocalGround";
import { type FrameIndex, gatherDisc } from "./FrameIndex";

export interface TemplateMatch {
  centerM: Vec3;
  yawRad: number;
  /** Share of the template's cells that land on the next frame's object points (0..1). */
  overlap: number;
  templateCells: number;
}

const CELL_M = 0.25;
const YAW_OFFSETS_RAD = [-12, -9, -6, -3, 0, 3, 6, 9, 12].map((d) => (d * Math.PI) / 180);
/** Template cells at most this many (a near car has thousands of points): evenly subsampled. */
const MAX_TEMPLATE_CELLS = 300;
/**
 * Score = overlap − ALONG_PENALTY·|along|/alongM − ACROSS_PENALTY·|across|/acrossM: of two equal
 * matches the nearer to the prediction wins, and a shift along the heading (where an object of
 * unknown speed may well be) costs less than one across it (where its neighbours are).
 */
const ALONG_PENALTY = 0.05;
const ACROSS_PENALTY = 0.25;

/** The search window around the prediction, in its heading's axes, metres. */
export interface SearchWindow {
  alongM: number;
  acrossM: number;
}

/**
 * Where a tracked object went between two frames, before the box is refitted: the object's
 * above-ground points in the previous frame, in box coordinates on a 0.25 m BEV grid (the
 * template), slid over the next frame's above-ground occupancy (dilated by one cell, for the
 * change of viewpoint) within the window around the prediction and ±12° of its yaw. Shape, not
 * just proximity, picks the object: when the track's velocity is unknown (its first step) the
 * prediction can be metres off and another object may be nearer.
 */
export function matchTrackTemplate(
  prevIndex: FrameIndex,
  prevBox: OrientedBox,
  nextIndex: FrameIndex,
  predicted: { centerM: Vec3; yawRad: number },
  window: SearchWindow,
): TemplateMatch | null {
  const searchRadiusM = Math.max(window.alongM, window.acrossM);
  const template = templateCells(prevIndex, prevBox);
  if (template.length === 0) return null;
  const o = nextIndex.originM;
  const px = predicted.centerM.x - o.x;
  const py = predicted.centerM.y - o.y;
  const halfDiag = Math.hypot(prevBox.size.lengthM, prevBox.size.widthM) / 2;
  const r = searchRadiusM + halfDiag + CELL_M;
  const disc = gatherDisc(nextIndex, px, py, r);
  const ground = estimateLocalGround(disc, px, py, r);
  const side = Math.ceil((2 * r) / CELL_M) + 1;
  const occupied = new Uint8Array(side * side);
  for (let j = 0; j < disc.length; j += 3) {
    const h = disc[j + 2]! - groundZAt(ground, disc[j]!, disc[j + 1]!);
    if (h < 0.3 || h > prevBox.size.heightM + 0.3) continue;
    const gx = Math.floor((disc[j]! - px + r) / CELL_M);
    const gy = Math.floor((disc[j + 1]! - py + r) / CELL_M);
    // Dilate by one cell as we go: a 3×3 stamp per point.
    for (let dy = -1; dy <= 1; dy++) {
      for (let dx = -1; dx <= 1; dx++) {
        const x = gx + dx;
        const y = gy + dy;
        if (x >= 0 && y >= 0 && x < side && y < side) occupied[y * side + x] = 1;
      }
    }
  }
  const steps = Math.ceil(searchRadiusM / CELL_M);
  const centreCell = Math.floor(r / CELL_M);
  const n = template.length / 2;
  const tx = new Int32Array(n);
  const ty = new Int32Array(n);
  let best: TemplateMatch | null = null;
  let bestScore = Number.NEGATIVE_INFINITY;
  const hc = Math.cos(predicted.yawRad);
  const hs = Math.sin(predicted.yawRad);
  for (const dyaw of YAW_OFFSETS_RAD) {
    const yaw = predicted.yawRad + dyaw;
    const c = Math.cos(yaw);
    const s = Math.sin(yaw);
    for (let i = 0; i < n; i++) {
      const u = template[2 * i]!;
      const v = template[2 * i + 1]!;
      tx[i] = centreCell + Math.round((c * u - s * v) / CELL_M);
      ty[i] = centreCell + Math.round((s * u + c * v) / CELL_M);
    }
    for (let sy = -steps; sy <= steps; sy++) {
      for (let sx = -steps; sx <= steps; sx++) {
        const along = Math.abs(hc * sx + hs * sy) * CELL_M;
        const across = Math.abs(-hs * sx + hc * sy) * CELL_M;
        if (along > window.alongM || across > window.acrossM) continue;
        let hits = 0;
        for (let i = 0; i < n; i++) {
          const x = tx[i]! + sx;
          const y = ty[i]! + sy;
          if (x >= 0 && y >= 0 && x < side && y < side && occupied[y * side + x]) hits++;
        }
        const overlap = hits / n;
        const score =
          overlap -
          (ALONG_PENALTY * along) / window.alongM -
          (ACROSS_PENALTY * across) / Math.max(window.acrossM, CELL_M);
        if (score > bestScore) {
          bestScore = score;
          best = {
            centerM: {
              x: predicted.centerM.x + sx * CELL_M,
              y: predicted.centerM.y + sy * CELL_M,
              z: predicted.centerM.z,
            },
            yawRad: yaw,
            overlap,
            templateCells: n,
          };
        }
      }
    }
  }
  return best;
}

/** The box's points above its bottom (+0.3 m, clear of the ground), as distinct 0.25 m cells in box coordinates (u along the heading). */
function templateCells(index: FrameIndex, box: OrientedBox): Float32Array {
  const o = index.originM;
  const cx = box.centerM.x - o.x;
  const cy = box.centerM.y - o.y;
  const c = Math.cos(box.yawRad);
  const s = Math.sin(box.yawRad);
  const hl = box.size.lengthM / 2 + 0.15;
  const hw = box.size.widthM / 2 + 0.15;
  const bottom = box.centerM.z - o.z - box.size.heightM / 2 + 0.3;
  const top = box.centerM.z - o.z + box.size.heightM / 2 + 0.2;
  const disc = gatherDisc(index, cx, cy, Math.hypot(hl, hw));
  const seen = new Set<number>();
  const cells: number[] = [];
  for (let j = 0; j < disc.length; j += 3) {
    const z = disc[j + 2]!;
    if (z < bottom || z > top) continue;
    const dx = disc[j]! - cx;
    const dy = disc[j + 1]! - cy;
    const u = c * dx + s * dy;
    const v = -s * dx + c * dy;
    if (Math.abs(u) > hl || Math.abs(v) > hw) continue;
    const iu = Math.round(u / CELL_M);
    const iv = Math.round(v / CELL_M);
    const key = iu * 4096 + iv;
    if (seen.has(key)) continue;
    seen.add(key);
    cells.push(iu * CELL_M, iv * CELL_M);
  }
  if (cells.length / 2 <= MAX_TEMPLATE_CELLS) return new Float32Array(cells);
  const stride = cells.length / 2 / MAX_TEMPLATE_CELLS;
  const out = new Float32Array(2 * MAX_TEMPLATE_CELLS);
  for (let i = 0; i < MAX_TEMPLATE_CELLS; i++) {
    const k = Math.floor(i * stride);
    out[2 * i] = cells[2 * k]!;
    out[2 * i + 1] = cells[2 * k + 1]!;
  }
  return out;
}
