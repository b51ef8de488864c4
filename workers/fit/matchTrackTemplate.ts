import type { OrientedBox } from "../../core/geometry/cuboidCorners";
import type { Vec3 } from "../../core/geometry/vec3";
import { estimateLocalGround, groundZAt } from "./estimateLocalGround";
import { type FrameIndex, gatherDisc } from "./FrameIndex";
import { gatherBoxPoints } from "./gatherBoxPoints";

export interface TemplateMatch {
  centerM: Vec3;
  yawRad: number;
  /** Share of the template's cells that land on the next frame's object points (0..1). */
  overlap: number;
  templateCells: number;
}

const CELL_M = 0.25;
const YAW_OFFSETS_RAD = [-12, -9, -6, -3, 0, 3, 6, 9, 12].map((d) => (d * Math.PI) / 180);
const MAX_YAW_OFFSET_RAD = (12 * Math.PI) / 180;
/** How far (cells) around the best shift the plateau of equally good shifts is looked for. */
const PLATEAU_CELLS = 4;
/** Template cells at most this many (a near car has thousands of points): evenly subsampled. */
const MAX_TEMPLATE_CELLS = 300;
/**
 * Score = overlap − ALONG_PENALTY·|along|/alongM − ACROSS_PENALTY·|across|/acrossM: of two equal
 * matches the nearer to the prediction wins, and a shift along the heading (where an object of
 * unknown speed may well be) costs less than one across it (where its neighbours are).
 */
const ALONG_PENALTY = 0.05;
/** A sparse template fits equally well over a range of turns: without this, the first (−12°) would win. */
const YAW_PENALTY = 0.03;
const ACROSS_PENALTY = 0.25;

/** The search window around the prediction, in its heading's axes, metres. */
export interface SearchWindow {
  alongM: number;
  acrossM: number;
  /**
   * How far behind the prediction (against its heading) the search reaches, when less than
   * alongM: a vehicle of unknown speed may be far ahead, but it does not reverse fast.
   */
  behindM?: number;
  /** …and ahead of it, when less than alongM (a walk back in time: the vehicle came from behind). */
  aheadM?: number;
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
  // The prediction sits at the centre of cell (centreCell, centreCell) and every offset rounds to
  // its nearest cell, exactly as template offsets do: flooring one and rounding the other would
  // bias each match by up to half a cell, and a track would drift by that every frame.
  const centreCell = Math.ceil(r / CELL_M);
  const side = 2 * centreCell + 1;
  const occupied = new Uint8Array(side * side);
  for (let j = 0; j < disc.length; j += 3) {
    const h = (disc[j + 2] ?? 0) - groundZAt(ground, disc[j] ?? 0, disc[j + 1] ?? 0);
    if (h < 0.3 || h > prevBox.size.heightM + 0.3) continue;
    const gx = centreCell + Math.round(((disc[j] ?? 0) - px) / CELL_M);
    const gy = centreCell + Math.round(((disc[j + 1] ?? 0) - py) / CELL_M);
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
  const n = template.length / 2;
  const tx = new Int32Array(n);
  const ty = new Int32Array(n);
  const placeTemplate = (yaw: number) => {
    const c = Math.cos(yaw);
    const s = Math.sin(yaw);
    for (let i = 0; i < n; i++) {
      const u = template[2 * i] ?? 0;
      const v = template[2 * i + 1] ?? 0;
      tx[i] = centreCell + Math.round((c * u - s * v) / CELL_M);
      ty[i] = centreCell + Math.round((s * u + c * v) / CELL_M);
    }
  };
  const hitsAt = (sx: number, sy: number): number => {
    let hits = 0;
    for (let i = 0; i < n; i++) {
      const x = (tx[i] ?? 0) + sx;
      const y = (ty[i] ?? 0) + sy;
      if (x >= 0 && y >= 0 && x < side && y < side && occupied[y * side + x]) hits++;
    }
    return hits;
  };
  const hc = Math.cos(predicted.yawRad);
  const hs = Math.sin(predicted.yawRad);
  const aheadM = Math.min(window.alongM, window.aheadM ?? window.alongM);
  const behindM = Math.min(window.alongM, window.behindM ?? window.alongM);
  const inWindow = (sx: number, sy: number) => {
    const along = (hc * sx + hs * sy) * CELL_M;
    return along <= aheadM && along >= -behindM && Math.abs(-hs * sx + hc * sy) * CELL_M <= window.acrossM;
  };
  let best = { score: Number.NEGATIVE_INFINITY, hits: 0, sx: 0, sy: 0, yaw: predicted.yawRad };
  let bestUnturned = best;
  for (const dyaw of YAW_OFFSETS_RAD) {
    const yaw = predicted.yawRad + dyaw;
    placeTemplate(yaw);
    for (let sy = -steps; sy <= steps; sy++) {
      for (let sx = -steps; sx <= steps; sx++) {
        if (!inWindow(sx, sy)) continue;
        const hits = hitsAt(sx, sy);
        const along = Math.abs(hc * sx + hs * sy) * CELL_M;
        const across = Math.abs(-hs * sx + hc * sy) * CELL_M;
        const score =
          hits / n -
          (YAW_PENALTY * Math.abs(dyaw)) / MAX_YAW_OFFSET_RAD -
          (ALONG_PENALTY * along) / window.alongM -
          (ACROSS_PENALTY * across) / Math.max(window.acrossM, CELL_M);
        if (score > best.score) best = { score, hits, sx, sy, yaw };
        if (dyaw === 0 && score > bestUnturned.score) bestUnturned = { score, hits, sx, sy, yaw };
      }
    }
  }
  if (best.score === Number.NEGATIVE_INFINITY) return null;
  // The best turn at the search's limit is no optimum: the template (a few points) does not
  // tell the turn, and a turned template is placed around a turned box (SUSTechPOINTS car 4 at
  // 45 m, 16 points: −12°, BEV IoU 0.66). Keep the predicted heading then.
  if (Math.abs(best.yaw - predicted.yawRad) >= MAX_YAW_OFFSET_RAD - 1e-9) best = bestUnturned;
  // A sparse template on a dilated grid matches equally well over a plateau of shifts; the
  // distance penalty alone would pick the plateau's edge nearest the prediction, and a track
  // whose prediction lags (unknown speed) would keep lagging. Take the plateau's centre.
  placeTemplate(best.yaw);
  let sumX = 0;
  let sumY = 0;
  let count = 0;
  for (let sy = best.sy - PLATEAU_CELLS; sy <= best.sy + PLATEAU_CELLS; sy++) {
    for (let sx = best.sx - PLATEAU_CELLS; sx <= best.sx + PLATEAU_CELLS; sx++) {
      if (!inWindow(sx, sy) || hitsAt(sx, sy) < best.hits) continue;
      sumX += sx;
      sumY += sy;
      count++;
    }
  }
  return {
    centerM: {
      x: predicted.centerM.x + (sumX / count) * CELL_M,
      y: predicted.centerM.y + (sumY / count) * CELL_M,
      z: predicted.centerM.z,
    },
    yawRad: best.yaw,
    overlap: best.hits / n,
    templateCells: n,
  };
}

/** The box's points above its bottom (+0.3 m, clear of the ground), as distinct 0.25 m cells in box coordinates (u along the heading). */
function templateCells(index: FrameIndex, box: OrientedBox): Float32Array {
  const pts = gatherBoxPoints(index, box, {
    marginM: 0.15,
    minAboveBottomM: 0.3,
    maxAboveBottomM: box.size.heightM + 0.2,
  });
  const seen = new Set<number>();
  const cells: number[] = [];
  for (let j = 0; j < pts.length; j += 3) {
    const iu = Math.round((pts[j] ?? 0) / CELL_M);
    const iv = Math.round((pts[j + 1] ?? 0) / CELL_M);
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
    out[2 * i] = cells[2 * k] ?? 0;
    out[2 * i + 1] = cells[2 * k + 1] ?? 0;
  }
  return out;
}
