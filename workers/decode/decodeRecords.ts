import type { AttributeArray, Bounds3, PointCloud } from "../../core/pointcloud/PointCloud";
import { chooseOrigin } from "./chooseOrigin";

export type ScalarKind = "f" | "i" | "u";
export type ScalarSize = 1 | 2 | 4 | 8;

/** One scalar per point, point i at byte `base + i * step` of the input bytes. */
export interface ScalarSource {
  base: number;
  step: number;
  kind: ScalarKind;
  size: ScalarSize;
}

/** A coordinate source; world metres = raw × scale + add (LAS stores scaled integers). */
export interface CoordinateSource extends ScalarSource {
  scale?: number;
  add?: number;
}

export type OutputType = "f32" | "f64" | "u8" | "i8" | "u16" | "i16" | "u32" | "i32";

/**
 * One output attribute built from one source per component, or (packedRgb) from a single packed
 * 0x00RRGGBB word (PCD `rgb`/`rgba`, stored as float or uint bits) expanded to 3 bytes r,g,b.
 */
export interface AttributeSpec {
  name: string;
  out: OutputType;
  sources: ScalarSource[];
  packedRgb?: boolean;
  /** The packed word was a float whose bits are the colour (PCD TYPE F), and arrives as a float64 (ascii). */
  packedFromFloat?: boolean;
}

/**
 * Where every scalar of every point lies. Covers array-of-structs records (PCD binary, PLY binary,
 * KITTI, LAS: step = record length) and struct-of-arrays columns (PCD binary_compressed: step =
 * scalar size) alike. The caller has checked that every source lies inside the bytes.
 */
export interface RecordLayout {
  littleEndian: boolean;
  x: CoordinateSource;
  y: CoordinateSource;
  z: CoordinateSource;
  attributes: AttributeSpec[];
}

export interface DecodedRecords {
  cloud: PointCloud;
  bounds: Bounds3;
}

/** Last byte (exclusive) any source of the layout reads for `pointCount` points. */
export function layoutEnd(layout: RecordLayout, pointCount: number): number {
  if (pointCount === 0) return 0;
  let end = 0;
  const visit = (s: ScalarSource) => {
    end = Math.max(end, s.base + (pointCount - 1) * s.step + s.size);
  };
  visit(layout.x);
  visit(layout.y);
  visit(layout.z);
  for (const a of layout.attributes) a.sources.forEach(visit);
  return end;
}

/**
 * Decodes fixed-position records into a PointCloud, dropping points whose x, y or z is not finite
 * and rebasing far-away clouds (see chooseOrigin). Float32 little-endian x,y,z (every lidar PCD
 * and KITTI file) take a fused typed-array loop; everything else goes through DataView in two
 * passes (bounds first, so float64 and scaled sources are rebased before rounding to float32).
 */
export function decodeRecords(bytes: Uint8Array, pointCount: number, layout: RecordLayout): DecodedRecords {
  const fast = float32Plan(bytes, layout);
  return fast ? decodeFloat32(bytes, pointCount, layout, fast) : decodeGeneric(bytes, pointCount, layout);
}

interface Float32Plan {
  view: Float32Array;
  /** The bytes the view starts at (sources' base minus this, divided by 4, is their index). */
  start: number;
  fused: AttributeSpec | undefined;
}

const isPlainF32 = (s: CoordinateSource) =>
  s.kind === "f" && s.size === 4 && s.step % 4 === 0 && s.scale === undefined && s.add === undefined;

function float32Plan(bytes: Uint8Array, layout: RecordLayout): Float32Plan | undefined {
  const { x, y, z } = layout;
  if (!layout.littleEndian || !isPlainF32(x) || !isPlainF32(y) || !isPlainF32(z)) return undefined;
  const phase = x.base % 4;
  if (y.base % 4 !== phase || z.base % 4 !== phase) return undefined;
  const fused = layout.attributes.find(
    (a) => a.out === "f32" && !a.packedRgb && a.sources.length === 1 && isPlainF32(a.sources[0]!),
  );
  const fusedOk = fused && fused.sources[0]!.base % 4 === phase ? fused : undefined;
  const start = Math.min(x.base, y.base, z.base, fusedOk ? fusedOk.sources[0]!.base : Infinity);
  const absolute = bytes.byteOffset + start;
  // Misaligned data (a PCD header of odd length) is copied once: a memcpy costs far less than
  // reading every float through DataView.
  const aligned = absolute % 4 === 0 ? bytes.subarray(start) : bytes.slice(start);
  const view = new Float32Array(aligned.buffer, aligned.byteOffset, aligned.byteLength >> 2);
  return { view, start, fused: fusedOk };
}

function decodeFloat32(
  bytes: Uint8Array,
  n: number,
  layout: RecordLayout,
  plan: Float32Plan,
): DecodedRecords {
  const f = plan.view;
  const { x, y, z } = layout;
  let jx = (x.base - plan.start) >> 2;
  let jy = (y.base - plan.start) >> 2;
  let jz = (z.base - plan.start) >> 2;
  const sx = x.step >> 2;
  const sy = y.step >> 2;
  const sz = z.step >> 2;
  const fusedSource = plan.fused?.sources[0];
  let ja = fusedSource ? (fusedSource.base - plan.start) >> 2 : 0;
  const sa = fusedSource ? fusedSource.step >> 2 : 0;
  const positions = new Float32Array(n * 3);
  // Without a fused attribute every value lands in fusedOut[0] (fm = 0): no branch in the loop.
  const fm = fusedSource ? 1 : 0;
  const fusedOut = new Float32Array(fusedSource ? n : 1);
  let kept: Uint32Array | undefined;
  let minX = Infinity;
  let minY = Infinity;
  let minZ = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  let maxZ = -Infinity;
  let k = 0;
  for (let i = 0; i < n; i++) {
    const px = f[jx]!;
    const py = f[jy]!;
    const pz = f[jz]!;
    const a = f[ja]!;
    jx += sx;
    jy += sy;
    jz += sz;
    ja += sa;
    // x - x is NaN exactly when x is NaN or ±Infinity.
    if (px - px !== 0 || py - py !== 0 || pz - pz !== 0) {
      if (!kept) {
        kept = new Uint32Array(n);
        for (let t = 0; t < k; t++) kept[t] = t;
      }
      continue;
    }
    if (kept) kept[k] = i;
    const o = k * 3;
    positions[o] = px;
    positions[o + 1] = py;
    positions[o + 2] = pz;
    fusedOut[k * fm] = a;
    if (px < minX) minX = px;
    if (px > maxX) maxX = px;
    if (py < minY) minY = py;
    if (py > maxY) maxY = py;
    if (pz < minZ) minZ = pz;
    if (pz > maxZ) maxZ = pz;
    k++;
  }
  const bounds = boundsOf(k, minX, minY, minZ, maxX, maxY, maxZ);
  const origin = chooseOrigin(bounds);
  const pos = k === n ? positions : positions.subarray(0, k * 3);
  if (origin.x !== 0 || origin.y !== 0 || origin.z !== 0) rebaseInPlace(pos, origin, bounds);
  const attributes: PointCloud["attributes"] = {};
  const keptIndex = kept?.subarray(0, k);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (const spec of layout.attributes) {
    if (spec === plan.fused) {
      attributes[spec.name] = { values: k === n ? fusedOut : fusedOut.subarray(0, k), components: 1 };
    } else {
      attributes[spec.name] = decodeAttribute(view, layout.littleEndian, spec, k, keptIndex);
    }
  }
  return { cloud: { pointCount: k, positions: pos, originM: origin, attributes }, bounds };
}

function decodeGeneric(bytes: Uint8Array, n: number, layout: RecordLayout): DecodedRecords {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const le = layout.littleEndian;
  const rx = coordinateReader(view, layout.x, le);
  const ry = coordinateReader(view, layout.y, le);
  const rz = coordinateReader(view, layout.z, le);
  let kept: Uint32Array | undefined;
  let minX = Infinity;
  let minY = Infinity;
  let minZ = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  let maxZ = -Infinity;
  let k = 0;
  for (let i = 0; i < n; i++) {
    const px = rx(i);
    const py = ry(i);
    const pz = rz(i);
    if (px - px !== 0 || py - py !== 0 || pz - pz !== 0) {
      if (!kept) {
        kept = new Uint32Array(n);
        for (let t = 0; t < k; t++) kept[t] = t;
      }
      continue;
    }
    if (kept) kept[k] = i;
    if (px < minX) minX = px;
    if (px > maxX) maxX = px;
    if (py < minY) minY = py;
    if (py > maxY) maxY = py;
    if (pz < minZ) minZ = pz;
    if (pz > maxZ) maxZ = pz;
    k++;
  }
  const rawBounds = boundsOf(k, minX, minY, minZ, maxX, maxY, maxZ);
  const origin = chooseOrigin(rawBounds);
  const positions = new Float32Array(k * 3);
  const keptIndex = kept?.subarray(0, k);
  for (let t = 0; t < k; t++) {
    const i = keptIndex ? keptIndex[t]! : t;
    positions[t * 3] = rx(i) - origin.x;
    positions[t * 3 + 1] = ry(i) - origin.y;
    positions[t * 3 + 2] = rz(i) - origin.z;
  }
  const attributes: PointCloud["attributes"] = {};
  for (const spec of layout.attributes) {
    attributes[spec.name] = decodeAttribute(view, le, spec, k, keptIndex);
  }
  return {
    cloud: { pointCount: k, positions, originM: origin, attributes },
    bounds: shiftBounds(rawBounds, origin),
  };
}

function decodeAttribute(
  view: DataView,
  le: boolean,
  spec: AttributeSpec,
  k: number,
  keptIndex: Uint32Array | undefined,
): { values: AttributeArray; components: number } {
  if (spec.packedRgb) {
    const s = spec.sources[0]!;
    const out = new Uint8Array(k * 3);
    for (let t = 0; t < k; t++) {
      const i = keptIndex ? keptIndex[t]! : t;
      // Float-typed rgb is the same 32 bits reinterpreted; read them as an integer.
      const word =
        s.size === 4
          ? view.getUint32(s.base + i * s.step, le)
          : packedWord(view.getFloat64(s.base + i * s.step, le), spec.packedFromFloat === true);
      out[t * 3] = (word >>> 16) & 255;
      out[t * 3 + 1] = (word >>> 8) & 255;
      out[t * 3 + 2] = word & 255;
    }
    return { values: out, components: 3 };
  }
  const components = spec.sources.length;
  const out = allocate(spec.out, k * components);
  for (let c = 0; c < components; c++) {
    const s = spec.sources[c]!;
    const read = scalarReader(view, s, le);
    for (let t = 0; t < k; t++) {
      const i = keptIndex ? keptIndex[t]! : t;
      out[t * components + c] = read(s.base + i * s.step);
    }
  }
  return { values: out, components };
}

export function allocate(type: OutputType, length: number): AttributeArray {
  switch (type) {
    case "f32":
      return new Float32Array(length);
    case "f64":
      return new Float64Array(length);
    case "u8":
      return new Uint8Array(length);
    case "i8":
      return new Int8Array(length);
    case "u16":
      return new Uint16Array(length);
    case "i16":
      return new Int16Array(length);
    case "u32":
      return new Uint32Array(length);
    case "i32":
      return new Int32Array(length);
  }
}

/** A reader of one scalar at a byte offset, widened to a JS number. */
export function scalarReader(view: DataView, s: ScalarSource, le: boolean): (byte: number) => number {
  switch (`${s.kind}${s.size}`) {
    case "f4":
      return (b) => view.getFloat32(b, le);
    case "f8":
      return (b) => view.getFloat64(b, le);
    case "i1":
      return (b) => view.getInt8(b);
    case "u1":
      return (b) => view.getUint8(b);
    case "i2":
      return (b) => view.getInt16(b, le);
    case "u2":
      return (b) => view.getUint16(b, le);
    case "i4":
      return (b) => view.getInt32(b, le);
    case "u4":
      return (b) => view.getUint32(b, le);
    case "i8":
      return (b) => Number(view.getBigInt64(b, le));
    case "u8":
      return (b) => Number(view.getBigUint64(b, le));
    default:
      throw new RangeError(`no reader for scalar type ${s.kind}${s.size}`);
  }
}

function coordinateReader(view: DataView, s: CoordinateSource, le: boolean): (i: number) => number {
  const read = scalarReader(view, s, le);
  const { base, step } = s;
  const scale = s.scale ?? 1;
  const add = s.add ?? 0;
  if (scale === 1 && add === 0) return (i) => read(base + i * step);
  return (i) => read(base + i * step) * scale + add;
}

function boundsOf(
  k: number,
  x0: number,
  y0: number,
  z0: number,
  x1: number,
  y1: number,
  z1: number,
): Bounds3 {
  if (k === 0) return { min: { x: 0, y: 0, z: 0 }, max: { x: 0, y: 0, z: 0 } };
  return { min: { x: x0, y: y0, z: z0 }, max: { x: x1, y: y1, z: z1 } };
}

function shiftBounds(b: Bounds3, o: { x: number; y: number; z: number }): Bounds3 {
  return {
    min: { x: b.min.x - o.x, y: b.min.y - o.y, z: b.min.z - o.z },
    max: { x: b.max.x - o.x, y: b.max.y - o.y, z: b.max.z - o.z },
  };
}

function rebaseInPlace(pos: Float32Array, o: { x: number; y: number; z: number }, bounds: Bounds3): void {
  for (let i = 0; i < pos.length; i += 3) {
    pos[i] = pos[i]! - o.x;
    pos[i + 1] = pos[i + 1]! - o.y;
    pos[i + 2] = pos[i + 2]! - o.z;
  }
  const shifted = shiftBounds(bounds, o);
  bounds.min = shifted.min;
  bounds.max = shifted.max;
}

const scratchF32 = new Float32Array(1);
const scratchU32 = new Uint32Array(scratchF32.buffer);

/** The 32-bit colour word of a packed rgb value that was parsed from text. */
function packedWord(value: number, fromFloat: boolean): number {
  if (!fromFloat) return value >>> 0;
  scratchF32[0] = value;
  return scratchU32[0]!;
}
