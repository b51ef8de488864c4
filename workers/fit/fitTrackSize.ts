import type { OrientedBox } from "../../core/geometry/cuboidCorners";
import type { CuboidSize } from "../../core/model/Cuboid";
import type { FrameIndex } from "./FrameIndex";
import { gatherBoxPoints } from "./gatherBoxPoints";

export interface TrackFrameBox {
  index: FrameIndex;
  box: OrientedBox;
}

export interface TrackSizeResult {
  size: CuboidSize;
  /** The track's boxes re-centred for the new size, same order as the input: visible faces stay where they were. */
  boxes: OrientedBox[];
  /** Points accumulated in the object's frame over all boxes. */
  pointCount: number;
}

/** Points accumulated per dimension below this share of the current size are too little evidence to change it. */
const MIN_EVIDENCE_SHARE = 0.75;
const SURFACE_PAD_M = 0.05;

/**
 * One rigid size for a whole track: every frame's points around its box, carried into the box's
 * own coordinates (u along the heading, v to the left, z up from the box bottom) and accumulated,
 * see the object from all the viewpoints the sequence offers, where one frame sees one or two
 * faces. Each dimension is the accumulated extent (1st–99th percentile, padded) unless the points
 * cover less than 75% of the current size; each box then moves by the shift of the extent's
 * centre, so the faces the lidar saw stay put. The caller applies all boxes as one undoable step.
 */
export function fitTrackSize(frames: readonly TrackFrameBox[], currentSize: CuboidSize): TrackSizeResult {
  const us: number[] = [];
  const vs: number[] = [];
  const zs: number[] = [];
  for (const { index, box } of frames) {
    // 0.5 m beyond the box: the boxes being sized are often the class prior, off by that much.
    const pts = gatherBoxPoints(index, box, {
      marginM: 0.5,
      minAboveBottomM: 0.25,
      maxAboveBottomM: box.size.heightM + 0.5,
    });
    for (let j = 0; j < pts.length; j += 3) {
      us.push(pts[j] ?? 0);
      vs.push(pts[j + 1] ?? 0);
      zs.push(pts[j + 2] ?? 0);
    }
  }
  const [uLo, uHi] = percentileSpan(us);
  const [vLo, vHi] = percentileSpan(vs);
  const [, zHi] = percentileSpan(zs);
  const pick = (lo: number, hi: number, current: number): { size: number; shift: number } => {
    const observed = hi - lo + 2 * SURFACE_PAD_M;
    return us.length > 0 && observed >= MIN_EVIDENCE_SHARE * current
      ? { size: observed, shift: (lo + hi) / 2 }
      : { size: current, shift: 0 };
  };
  const l = pick(uLo, uHi, currentSize.lengthM);
  const w = pick(vLo, vHi, currentSize.widthM);
  const heightM =
    zs.length > 0 && zHi >= MIN_EVIDENCE_SHARE * currentSize.heightM ? zHi : currentSize.heightM;
  const size = { lengthM: l.size, widthM: w.size, heightM };
  const boxes = frames.map(({ box }) => {
    const c = Math.cos(box.yawRad);
    const s = Math.sin(box.yawRad);
    const bottom = box.centerM.z - box.size.heightM / 2;
    return {
      ...box,
      centerM: {
        x: box.centerM.x + c * l.shift - s * w.shift,
        y: box.centerM.y + s * l.shift + c * w.shift,
        z: bottom + heightM / 2,
      },
      size: { ...size },
    };
  });
  return { size, boxes, pointCount: us.length };
}

function percentileSpan(values: number[]): [number, number] {
  if (values.length === 0) return [0, 0];
  const sorted = Float64Array.from(values).sort();
  const at = (q: number) =>
    sorted[Math.min(sorted.length - 1, Math.max(0, Math.round(q * (sorted.length - 1))))] ?? 0;
  return [at(0.01), at(0.99)];
}
