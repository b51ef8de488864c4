import { buildFrameIndex, type FrameIndex } from "../../pointcloud/FrameIndex";
import type { QaBox, QaInput } from "../QaInput";

export const GROUND_Z = -1.8;
const CAR = { lengthM: 4.5, widthM: 1.9, heightM: 1.6 };

/**
 * A 10-frame, 10 Hz scene with no ego motion: track "moving" (a car at 10 m/s along +x, 12 m to
 * the left), "parked" (a car 8 m to the right) and "walker" (a pedestrian). Points are sampled from
 * the TRUE boxes (their side faces and roof, and a flat ground), so edits to `boxes` are label
 * errors the checks must see. `extraPoints` adds points (a wall) to every frame.
 */
export function makeQaScene(o: { hidden?: (box: QaBox) => boolean; extraPoints?: number[] } = {}): {
  boxes: QaBox[];
  input: (boxes: QaBox[]) => QaInput;
} {
  const truth: QaBox[] = [];
  for (let k = 0; k < 10; k++) {
    const base = { frameIndex: k, attributes: {}, yawRad: 0 };
    truth.push(
      {
        ...base,
        id: `${k}/moving`,
        trackId: "moving",
        className: "Car",
        size: CAR,
        centerM: { x: -5 + k, y: 12, z: GROUND_Z + 0.8 },
      },
      {
        ...base,
        id: `${k}/parked`,
        trackId: "parked",
        className: "Car",
        size: CAR,
        centerM: { x: 10, y: -8, z: GROUND_Z + 0.8 },
      },
      {
        ...base,
        id: `${k}/walker`,
        trackId: "walker",
        className: "Pedestrian",
        size: { lengthM: 0.6, widthM: 0.6, heightM: 1.7 },
        centerM: { x: 6 + 0.14 * k, y: 4, z: GROUND_Z + 0.85 },
        yawRad: 0,
      },
    );
  }
  const indexes: FrameIndex[] = Array.from({ length: 10 }, (_, k) =>
    buildFrameIndex(
      cloudOf(
        truth.filter((b) => b.frameIndex === k && !o.hidden?.(b)),
        o.extraPoints ?? [],
      ),
    ),
  );
  return {
    boxes: truth.map((b) => ({ ...b, centerM: { ...b.centerM }, size: { ...b.size } })),
    input: (boxes) => ({
      frames: Array.from({ length: 10 }, (_, k) => ({ timestampS: k * 0.1, worldFromLidar: null })),
      boxes,
      points: (k) => indexes[k] ?? null,
      classSizes: new Map([
        ["Car", CAR],
        ["Pedestrian", { lengthM: 0.6, widthM: 0.6, heightM: 1.75 }],
      ]),
    }),
  };
}

/** Ground every 0.4 m over ±30 m, and each box's side faces and roof every 0.12 m (just inside it). */
function cloudOf(boxes: QaBox[], extra: number[]) {
  const pts: number[] = [...extra];
  for (let x = -30; x <= 30; x += 0.4) for (let y = -30; y <= 30; y += 0.4) pts.push(x, y, GROUND_Z);
  for (const b of boxes) {
    const c = Math.cos(b.yawRad);
    const s = Math.sin(b.yawRad);
    const hl = b.size.lengthM / 2 - 0.03;
    const hw = b.size.widthM / 2 - 0.03;
    const bottom = b.centerM.z - b.size.heightM / 2 + 0.3;
    const top = b.centerM.z + b.size.heightM / 2 - 0.03;
    const put = (u: number, v: number, z: number) =>
      pts.push(b.centerM.x + c * u - s * v, b.centerM.y + s * u + c * v, z);
    for (let z = bottom; z <= top; z += 0.12) {
      for (let u = -hl; u <= hl; u += 0.12) {
        put(u, hw, z);
        put(u, -hw, z);
      }
      for (let v = -hw; v <= hw; v += 0.12) {
        put(hl, v, z);
        put(-hl, v, z);
      }
    }
    for (let u = -hl; u <= hl; u += 0.12) for (let v = -hw; v <= hw; v += 0.12) put(u, v, top);
  }
  const positions = Float32Array.from(pts);
  return { pointCount: positions.length / 3, positions, originM: { x: 0, y: 0, z: 0 }, attributes: {} };
}

/** `boxes` with the box `id` changed by `patch`. */
export const edit = (boxes: QaBox[], id: string, patch: (b: QaBox) => Partial<QaBox>): QaBox[] =>
  boxes.map((b) => (b.id === id ? { ...b, ...patch(b) } : b));
