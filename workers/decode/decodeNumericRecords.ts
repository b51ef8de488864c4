import { chooseOrigin } from "./chooseOrigin";
import { boundsOf } from "./computeBounds";
import { must } from "../../core/model/must";
import type { Allocate, CoordinateSource, RecordLayout } from "./decodeRecords";
import { indexOf, type NumericArray, type PartialDecode, type Region, viewOf } from "./recordRegion";

/**
 * Typed-view x,y,z of any type with scale and offset (LAS int32, PLY double, ascii values): bounds
 * and finiteness first, then positions written relative to the chosen origin in float64.
 */
export function decodeNumericRecords(
  region: Region,
  n: number,
  layout: RecordLayout,
  alloc: Allocate,
): PartialDecode {
  const axisOf = (s: CoordinateSource, name: string) => ({
    v: must(viewOf(region, s), `a typed view of the ${name} column`),
    j: indexOf(region, s),
    step: s.step / s.size,
    scale: s.scale ?? 1,
    add: s.add ?? 0,
  });
  const axes = [axisOf(layout.x, "x"), axisOf(layout.y, "y"), axisOf(layout.z, "z")] as const;
  const [ax, ay, az] = axes;
  const lo: [number, number, number] = [Infinity, Infinity, Infinity];
  const hi: [number, number, number] = [-Infinity, -Infinity, -Infinity];
  let finite = 0;
  // One pass over the records for all three axes when they share a type and step (ascii values,
  // PLY doubles): the records are read once instead of three times (memory-bound when large).
  const ranges =
    ax.v.constructor === ay.v.constructor && ax.v.constructor === az.v.constructor
      ? ax.step === ay.step && ax.step === az.step
        ? rawRange3(ax.v, ay.v, az.v, n, ax.j, ay.j - ax.j, az.j - ax.j, ax.step)
        : undefined
      : undefined;
  axes.forEach((a, k) => {
    const r = ranges?.[k] ?? rawRange(a.v, n, a.j, a.step);
    finite += r.finite;
    const e0 = r.min * a.scale + a.add;
    const e1 = r.max * a.scale + a.add;
    lo[k] = Math.min(e0, e1);
    hi[k] = Math.max(e0, e1);
  });
  let kept: Uint32Array | undefined;
  let k = n;
  if (finite !== 0 || lo.some((v) => !Number.isFinite(v)) || hi.some((v) => !Number.isFinite(v))) {
    kept = new Uint32Array(n);
    k = 0;
    lo.fill(Infinity);
    hi.fill(-Infinity);
    for (let i = 0; i < n; i++) {
      const px = (ax.v[ax.j + i * ax.step] ?? NaN) * ax.scale + ax.add;
      const py = (ay.v[ay.j + i * ay.step] ?? NaN) * ay.scale + ay.add;
      const pz = (az.v[az.j + i * az.step] ?? NaN) * az.scale + az.add;
      if (px - px !== 0 || py - py !== 0 || pz - pz !== 0) continue;
      kept[k++] = i;
      lo[0] = Math.min(lo[0], px);
      lo[1] = Math.min(lo[1], py);
      lo[2] = Math.min(lo[2], pz);
      hi[0] = Math.max(hi[0], px);
      hi[1] = Math.max(hi[1], py);
      hi[2] = Math.max(hi[2], pz);
    }
    kept = kept.subarray(0, k);
  }
  const raw = boundsOf(k, lo[0], lo[1], lo[2], hi[0], hi[1], hi[2]);
  const origin = chooseOrigin(raw);
  const positions = alloc("f32", k * 3) as Float32Array;
  const o = [origin.x, origin.y, origin.z] as const;
  if (ranges && !kept) {
    writeAxes3(ax.v, ay.v, az.v, k, ax.j, ay.j - ax.j, az.j - ax.j, ax.step, axes, o, positions);
  } else {
    writeAxis(ax.v, ax.j, ax.step, ax.scale, ax.add - o[0], positions, 0, k, kept);
    writeAxis(ay.v, ay.j, ay.step, ay.scale, ay.add - o[1], positions, 1, k, kept);
    writeAxis(az.v, az.j, az.step, az.scale, az.add - o[2], positions, 2, k, kept);
  }
  return {
    cloud: { pointCount: k, positions, originM: origin, attributes: {} },
    kept,
  };
}

/** min/max of one raw column, and a sum that is NaN if any value is not finite. */
function rawRange(
  v: NumericArray,
  n: number,
  j: number,
  step: number,
): { min: number; max: number; finite: number } {
  let min = Infinity;
  let max = -Infinity;
  let finite = 0;
  for (let i = 0; i < n; i++, j += step) {
    const value = v[j] ?? NaN;
    finite += value - value;
    min = Math.min(min, value);
    max = Math.max(max, value);
  }
  return { min, max, finite };
}

/** rawRange of x, y and z in one pass; y and z lie dy and dz elements after x in every record. */
function rawRange3(
  vx: NumericArray,
  vy: NumericArray,
  vz: NumericArray,
  n: number,
  j: number,
  dy: number,
  dz: number,
  step: number,
): { min: number; max: number; finite: number }[] {
  let x0 = Infinity;
  let y0 = Infinity;
  let z0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  let z1 = -Infinity;
  let finite = 0;
  for (let i = 0; i < n; i++, j += step) {
    const x = vx[j] ?? NaN;
    const y = vy[j + dy] ?? NaN;
    const z = vz[j + dz] ?? NaN;
    finite += x - x + (y - y) + (z - z);
    x0 = Math.min(x0, x);
    x1 = Math.max(x1, x);
    y0 = Math.min(y0, y);
    y1 = Math.max(y1, y);
    z0 = Math.min(z0, z);
    z1 = Math.max(z1, z);
  }
  return [
    { min: x0, max: x1, finite },
    { min: y0, max: y1, finite: 0 },
    { min: z0, max: z1, finite: 0 },
  ];
}

/** writeAxis for x, y and z in one pass over the records (every point kept). */
function writeAxes3(
  vx: NumericArray,
  vy: NumericArray,
  vz: NumericArray,
  k: number,
  j: number,
  dy: number,
  dz: number,
  step: number,
  axes: readonly [
    { scale: number; add: number },
    { scale: number; add: number },
    { scale: number; add: number },
  ],
  origin: readonly [number, number, number],
  out: Float32Array,
): void {
  const [ax, ay, az] = axes;
  const sx = ax.scale;
  const sy = ay.scale;
  const sz = az.scale;
  const addX = ax.add - origin[0];
  const addY = ay.add - origin[1];
  const addZ = az.add - origin[2];
  for (let o = 0, end = k * 3; o < end; o += 3, j += step) {
    out[o] = (vx[j] ?? NaN) * sx + addX;
    out[o + 1] = (vy[j + dy] ?? NaN) * sy + addY;
    out[o + 2] = (vz[j + dz] ?? NaN) * sz + addZ;
  }
}

function writeAxis(
  v: NumericArray,
  j: number,
  step: number,
  scale: number,
  add: number,
  out: Float32Array,
  c: number,
  k: number,
  kept: Uint32Array | undefined,
): void {
  if (kept) {
    for (let t = 0; t < k; t++) out[t * 3 + c] = (v[j + (kept[t] ?? NaN) * step] ?? NaN) * scale + add;
    return;
  }
  for (let t = 0, o = c; t < k; t++, o += 3, j += step) out[o] = (v[j] ?? NaN) * scale + add;
}
