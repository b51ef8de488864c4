import type { OrientedBox } from "../../core/geometry/cuboidCorners";
import type { FrameIndex } from "./FrameIndex";
import { gatherBoxPoints } from "./gatherBoxPoints";

export interface KeyframeRegistration {
  /** The keyframe's box carried along with its points onto the frame's (size unchanged). */
  box: OrientedBox;
  /** Keyframe points paired with a frame point within the last gate. */
  inliers: number;
  /** Keyframe points used (at most MAX_TEMPLATE_POINTS). */
  templatePoints: number;
}

/** The search around the predicted box, metres: the pair gate starts here and shrinks. */
const SEARCH_M = 1;
/** The gate never shrinks below this, metres: a surface seen from a moved ego is sampled elsewhere. */
const MIN_GATE_M = 0.25;
const ITERATIONS = 20;
/** The gate reaches MIN_GATE_M after this many iterations. */
const GATE_ITERATIONS = 8;
/** A near car has thousands of points: evenly subsampled to this many. */
const MAX_TEMPLATE_POINTS = 400;
/** A turn beyond this between two keyframes' neighbours is no registration of the same object, radians. */
const MAX_TURN_RAD = 0.15;
const GRID_CELL_M = 0.5;
const MIN_PAIRS = 5;

/**
 * Where a keyframe's object lies in another frame, by its own points: the points inside the human
 * box (above its bottom, clear of the ground) in box coordinates are slid over the frame's points
 * around `predicted` (within SEARCH_M of its sides, same height band) by 2D ICP over shift and
 * turn, pairs farther apart than a shrinking gate left out. The box keeps its place relative to
 * the points as the person drew it, which a box fit to the new frame's points alone does not
 * (its own bias, per view, ~0.1 m). Null when either side has fewer than MIN_PAIRS points.
 */
export function registerToKeyframe(
  keyIndex: FrameIndex,
  keyBox: OrientedBox,
  index: FrameIndex,
  predicted: OrientedBox,
): KeyframeRegistration | null {
  const band = { minAboveBottomM: 0.3, maxAboveBottomM: keyBox.size.heightM + 0.2 };
  const source = gatherBoxPoints(keyIndex, keyBox, { marginM: 0.1, ...band });
  const target = gatherBoxPoints(index, { ...predicted, size: keyBox.size }, { marginM: SEARCH_M, ...band });
  const sourceCount = source.length / 3;
  const targetCount = target.length / 3;
  if (sourceCount < MIN_PAIRS || targetCount < MIN_PAIRS) return null;
  const stride = Math.max(1, sourceCount / MAX_TEMPLATE_POINTS);
  const su: number[] = [];
  const sv: number[] = [];
  for (let f = 0; f < sourceCount; f += stride) {
    const i = Math.floor(f);
    su.push(source[3 * i] ?? 0);
    sv.push(source[3 * i + 1] ?? 0);
  }
  const grid = new Map<number, number[]>();
  const cellKey = (gx: number, gy: number) => (gx + 512) * 1024 + (gy + 512);
  for (let j = 0; j < targetCount; j++) {
    const k = cellKey(
      Math.floor((target[3 * j] ?? 0) / GRID_CELL_M),
      Math.floor((target[3 * j + 1] ?? 0) / GRID_CELL_M),
    );
    const list = grid.get(k);
    if (list) list.push(j);
    else grid.set(k, [j]);
  }
  const nearest = (x: number, y: number, gate: number): number => {
    const gx = Math.floor(x / GRID_CELL_M);
    const gy = Math.floor(y / GRID_CELL_M);
    const reach = Math.ceil(gate / GRID_CELL_M);
    let best = gate * gate;
    let found = -1;
    for (let dx = -reach; dx <= reach; dx++)
      for (let dy = -reach; dy <= reach; dy++)
        for (const j of grid.get(cellKey(gx + dx, gy + dy)) ?? []) {
          const d = ((target[3 * j] ?? 0) - x) ** 2 + ((target[3 * j + 1] ?? 0) - y) ** 2;
          if (d < best) {
            best = d;
            found = j;
          }
        }
    return found;
  };
  // target ≈ R(turn)·source + (tu, tv), in the predicted box's coordinates.
  let turn = 0;
  let tu = 0;
  let tv = 0;
  let inliers = 0;
  for (let it = 0; it < ITERATIONS; it++) {
    const gate = Math.max(MIN_GATE_M, SEARCH_M * (1 - it / GATE_ITERATIONS));
    const c = Math.cos(turn);
    const s = Math.sin(turn);
    const pairs: Array<[number, number]> = [];
    for (let i = 0; i < su.length; i++) {
      const u = su[i] ?? 0;
      const v = sv[i] ?? 0;
      const j = nearest(c * u - s * v + tu, s * u + c * v + tv, gate);
      if (j >= 0) pairs.push([i, j]);
    }
    if (pairs.length < MIN_PAIRS) return null;
    // Closed-form 2D rigid fit (Procrustes) of the pairs.
    let mu = 0;
    let mv = 0;
    let mx = 0;
    let my = 0;
    for (const [i, j] of pairs) {
      mu += su[i] ?? 0;
      mv += sv[i] ?? 0;
      mx += target[3 * j] ?? 0;
      my += target[3 * j + 1] ?? 0;
    }
    const n = pairs.length;
    mu /= n;
    mv /= n;
    mx /= n;
    my /= n;
    let cross = 0;
    let dot = 0;
    for (const [i, j] of pairs) {
      const a = (su[i] ?? 0) - mu;
      const b = (sv[i] ?? 0) - mv;
      const x = (target[3 * j] ?? 0) - mx;
      const y = (target[3 * j + 1] ?? 0) - my;
      dot += a * x + b * y;
      cross += a * y - b * x;
    }
    turn = Math.max(-MAX_TURN_RAD, Math.min(MAX_TURN_RAD, Math.atan2(cross, dot)));
    tu = mx - (Math.cos(turn) * mu - Math.sin(turn) * mv);
    tv = my - (Math.sin(turn) * mu + Math.cos(turn) * mv);
    inliers = n;
  }
  const c = Math.cos(predicted.yawRad);
  const s = Math.sin(predicted.yawRad);
  return {
    box: {
      centerM: {
        x: predicted.centerM.x + c * tu - s * tv,
        y: predicted.centerM.y + s * tu + c * tv,
        z: predicted.centerM.z,
      },
      size: keyBox.size,
      yawRad: predicted.yawRad + turn,
    },
    inliers,
    templatePoints: su.length,
  };
}
