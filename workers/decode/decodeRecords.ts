import type { AttributeArray, Bounds3, PointCloud } from "../../core/pointcloud/PointCloud";
import { chooseOrigin, REBASE_BEYOND_M } from "./chooseOrigin";
import { computeBounds } from "./computeBounds";
import { scratchBytes } from "./scratchBytes";

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

/** Allocates an output array; the worker passes one backed by pooled buffers. */
export type Allocate = (type: OutputType, length: number) => AttributeArray;

/**
 * Decodes fixed-position records into a PointCloud, dropping points whose x, y or z is not finite
 * and rebasing far-away clouds (see chooseOrigin).
 *
 * Speed: sources are read through typed-array views whenever their alignment allows (the input
 * is copied once into an aligned scratch buffer when it is misaligned: one memcpy is far cheaper
 * than DataView reads). float32 x,y,z (lidar PCD, KITTI) take a fused single pass that writes
 * positions and one float32 attribute, checking finiteness without a branch; only a cloud
 * that turns out to hold non-finite points pays for a second, filtering pass.
 * Measured (2M-point binary PCD, node 20, min of 21): this decode ~19 ms, a plain JS loop that
 * only copies the same bytes word by word ~25 ms, memcpy ~5 ms: the pass is at the floor of a
 * scalar typed-array loop (bounds-checked loads and stores), not doing extra work. A WebAssembly
 * SIMD kernel does the pass in ~7 ms, but copying the input into wasm memory and the outputs
 * out again (outputs must be transferable buffers) brings it to ~15 ms: ~15% gained, not taken.
 */
export function decodeRecords(
  bytes: Uint8Array,
  pointCount: number,
  layout: RecordLayout,
  alloc: Allocate = allocate,
): DecodedRecords {
  if (!layout.littleEndian) return decodeGeneric(bytes, pointCount, layout, alloc);
  const region = alignedRegion(bytes, layout, pointCount);
  const { x, y, z } = layout;
  if (!viewable(region, x) || !viewable(region, y) || !viewable(region, z)) {
    return decodeGeneric(bytes, pointCount, layout, alloc);
  }
  const plainF32 = [x, y, z].every(
    (s) => s.kind === "f" && s.size === 4 && s.scale === undefined && s.add === undefined,
  );
  const fused = plainF32
    ? layout.attributes.find(
        (a) =>
          a.out === "f32" &&
          !a.packedRgb &&
          a.sources.length === 1 &&
          a.sources[0]!.kind === "f" &&
          a.sources[0]!.size === 4 &&
          viewable(region, a.sources[0]!),
      )
    : undefined;
  const decoded = plainF32
    ? decodeFloat32(region, pointCount, layout, fused, alloc)
    : decodeNumeric(region, pointCount, layout, alloc);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (const spec of layout.attributes) {
    if (spec === fused) continue;
    decoded.cloud.attributes[spec.name] = decodeAttribute(
      view,
      region,
      spec,
      decoded.cloud.pointCount,
      decoded.kept,
      alloc,
    );
  }
  return { cloud: decoded.cloud };
}

/** The input (or an aligned copy): the scalar at input byte b lies at byte b + shift of buffer. */
interface Region {
  buffer: ArrayBufferLike;
  shift: number;
}

function alignedRegion(bytes: Uint8Array, layout: RecordLayout, n: number): Region {
  const xAt = bytes.byteOffset + layout.x.base;
  if (xAt % 8 === 0 || (layout.x.size === 4 && xAt % 4 === 0))
    return { buffer: bytes.buffer, shift: bytes.byteOffset };
  let first = layout.x.base;
  const visit = (s: ScalarSource) => {
    first = Math.min(first, s.base);
  };
  visit(layout.y);
  visit(layout.z);
  for (const a of layout.attributes) a.sources.forEach(visit);
  const end = layoutEnd(layout, n);
  // Place x.base on an 8-byte boundary of the scratch buffer.
  const lead = (8 - ((layout.x.base - first) % 8)) % 8;
  const copy = scratchBytes("aligned", lead + end - first);
  copy.set(bytes.subarray(first, end), lead);
  return { buffer: copy.buffer, shift: lead - first };
}

function viewable(region: Region, s: ScalarSource): boolean {
  return (s.base + region.shift) % s.size === 0 && s.step % s.size === 0;
}

type NumericArray =
  | Float32Array
  | Float64Array
  | Int8Array
  | Uint8Array
  | Int16Array
  | Uint16Array
  | Int32Array
  | Uint32Array;

/** A typed view of the region whose element index j is source byte j × size − shift. */
function viewOf(region: Region, s: ScalarSource): NumericArray | undefined {
  const b = region.buffer;
  const length = Math.floor(b.byteLength / s.size);
  switch (`${s.kind}${s.size}`) {
    case "f4":
      return new Float32Array(b, 0, length);
    case "f8":
      return new Float64Array(b, 0, length);
    case "i1":
      return new Int8Array(b, 0, length);
    case "u1":
      return new Uint8Array(b, 0, length);
    case "i2":
      return new Int16Array(b, 0, length);
    case "u2":
      return new Uint16Array(b, 0, length);
    case "i4":
      return new Int32Array(b, 0, length);
    case "u4":
      return new Uint32Array(b, 0, length);
    default:
      return undefined;
  }
}

/** Integer (not float64) indices keep the hot loops on int32 arithmetic. */
const indexOf = (region: Region, s: ScalarSource) => ((s.base + region.shift) / s.size) | 0;

interface Partial {
  cloud: PointCloud;
  /** Source index of each kept point when some were dropped. */
  kept: Uint32Array | undefined;
}

function decodeFloat32(
  region: Region,
  n: number,
  layout: RecordLayout,
  fused: AttributeSpec | undefined,
  alloc: Allocate,
): Partial {
  const { x, y, z } = layout;
  const jx = indexOf(region, x);
  const jy = indexOf(region, y);
  const jz = indexOf(region, z);
  const sx = x.step >> 2;
  const sy = y.step >> 2;
  const sz = z.step >> 2;
  const fusedSource = fused?.sources[0];
  // Without a fused attribute every value lands in fusedOut[0] (fm = 0): no branch in the loop.
  const ja = fusedSource ? indexOf(region, fusedSource) : 0;
  const sa = fusedSource ? fusedSource.step >> 2 : 0;
  const fm = fusedSource ? 1 : 0;
  const positions = alloc("f32", n * 3) as Float32Array;
  const fusedOut = (fusedSource ? alloc("f32", n) : new Float32Array(1)) as Float32Array;
  const words = new Int32Array(region.buffer, 0, region.buffer.byteLength >> 2);
  const positionWords = new Int32Array(positions.buffer, positions.byteOffset, positions.length);
  const fusedWords = new Int32Array(fusedOut.buffer, fusedOut.byteOffset, fusedOut.length);
  const sameStep = sx === sy && sx === sz && (!fusedSource || sa === sx);
  const allFinite = sameStep
    ? copyFloat32Words(words, n, positionWords, fusedWords, fm, jx, sx, jy - jx, jz - jx, ja - jx)
    : copyFloat32Bits(words, n, positionWords, fusedWords, fm, jx, sx, jy, sy, jz, sz, ja, sa);
  let k = n;
  let kept: Uint32Array | undefined;
  if (!allFinite) {
    kept = new Uint32Array(n);
    const f = new Float32Array(region.buffer, 0, region.buffer.byteLength >> 2);
    k = filterFloat32(f, n, positions, fusedOut, fm, kept, jx, sx, jy, sy, jz, sz, ja, sa);
    kept = kept.subarray(0, k);
  }
  const pos = k === n ? positions : positions.subarray(0, k * 3);
  // float32 sources gain no precision from rebasing (their values are already float32), so a
  // sample decides whether the cloud is far away; only then is the exact bounds pass paid for.
  const origin =
    sampledReach(pos) > REBASE_BEYOND_M / 2 ? chooseOrigin(computeBounds(pos)) : { x: 0, y: 0, z: 0 };
  if (origin.x !== 0 || origin.y !== 0 || origin.z !== 0) {
    for (let i = 0; i < pos.length; i += 3) {
      pos[i] = pos[i]! - origin.x;
      pos[i + 1] = pos[i + 1]! - origin.y;
      pos[i + 2] = pos[i + 2]! - origin.z;
    }
  }
  const attributes: PointCloud["attributes"] = {};
  if (fused) attributes[fused.name] = { values: k === n ? fusedOut : fusedOut.subarray(0, k), components: 1 };
  return { cloud: { pointCount: k, positions: pos, originM: origin, attributes }, kept };
}

/**
 * Largest |coordinate| over at most ~512 evenly spaced points (and the last). In a large cloud each
 * sample is a cache and TLB miss (the positions were just streamed past the cache): sampling every
 * 61st point of 2M cost ~1.5 ms, 8% of the whole decode; every 500th still ~1 ms. Missing a far
 * outlier only leaves the cloud unrebased, which loses nothing: its values are float32 already.
 */
function sampledReach(pos: Float32Array): number {
  let reach = 0;
  const step = Math.max(1, Math.floor(pos.length / 3 / 512)) * 3;
  for (let i = 0; i < pos.length; i += step) {
    reach = Math.max(reach, Math.abs(pos[i]!), Math.abs(pos[i + 1]!), Math.abs(pos[i + 2]!));
  }
  const last = pos.length - 3;
  if (last >= 0)
    reach = Math.max(reach, Math.abs(pos[last]!), Math.abs(pos[last + 1]!), Math.abs(pos[last + 2]!));
  return reach;
}

/**
 * The hot loop: copies x,y,z (+ one float32 attribute) as raw 32-bit words, which is ~1.5×
 * faster than going through float registers, and flags non-finite values without a branch: a
 * float32 is NaN or ±Infinity exactly when its 8 exponent bits are all ones, and adding one to
 * that field then carries into bit 31. Returns false if any x, y or z is not finite.
 */
function copyFloat32Bits(
  f: Int32Array,
  n: number,
  positions: Int32Array,
  fusedOut: Int32Array,
  fm: number,
  jx: number,
  sx: number,
  jy: number,
  sy: number,
  jz: number,
  sz: number,
  ja: number,
  sa: number,
): boolean {
  let flags = 0;
  for (let i = 0, o = 0; i < n; i++, o += 3) {
    const px = f[jx]!;
    const py = f[jy]!;
    const pz = f[jz]!;
    fusedOut[i * fm] = f[ja]!;
    jx += sx;
    jy += sy;
    jz += sz;
    ja += sa;
    positions[o] = px;
    positions[o + 1] = py;
    positions[o + 2] = pz;
    flags |=
      ((px & 0x7f800000) + 0x00800000) | ((py & 0x7f800000) + 0x00800000) | ((pz & 0x7f800000) + 0x00800000);
  }
  return (flags & 0x80000000) === 0;
}

/**
 * copyFloat32Bits for the usual case of one step for every source (records, or columns): a single
 * index keeps every loop variable in a register (7 induction variables spilled and cost 2×).
 */
function copyFloat32Words(
  f: Int32Array,
  n: number,
  positions: Int32Array,
  fusedOut: Int32Array,
  fm: number,
  j: number,
  step: number,
  dy: number,
  dz: number,
  da: number,
): boolean {
  let flags = 0;
  if (fm === 0) {
    for (let o = 0, end = n * 3; o < end; o += 3, j += step) {
      const px = f[j]!;
      const py = f[j + dy]!;
      const pz = f[j + dz]!;
      positions[o] = px;
      positions[o + 1] = py;
      positions[o + 2] = pz;
      flags |=
        ((px & 0x7f800000) + 0x00800000) |
        ((py & 0x7f800000) + 0x00800000) |
        ((pz & 0x7f800000) + 0x00800000);
    }
    return (flags & 0x80000000) === 0;
  }
  for (let i = 0, o = 0; i < n; i++, o += 3, j += step) {
    const px = f[j]!;
    const py = f[j + dy]!;
    const pz = f[j + dz]!;
    fusedOut[i] = f[j + da]!;
    positions[o] = px;
    positions[o + 1] = py;
    positions[o + 2] = pz;
    flags |=
      ((px & 0x7f800000) + 0x00800000) | ((py & 0x7f800000) + 0x00800000) | ((pz & 0x7f800000) + 0x00800000);
  }
  return (flags & 0x80000000) === 0;
}

function filterFloat32(
  f: Float32Array,
  n: number,
  positions: Float32Array,
  fusedOut: Float32Array,
  fm: number,
  kept: Uint32Array,
  jx: number,
  sx: number,
  jy: number,
  sy: number,
  jz: number,
  sz: number,
  ja: number,
  sa: number,
): number {
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
    if (px - px !== 0 || py - py !== 0 || pz - pz !== 0) continue;
    kept[k] = i;
    positions[k * 3] = px;
    positions[k * 3 + 1] = py;
    positions[k * 3 + 2] = pz;
    fusedOut[k * fm] = a;
    k++;
  }
  return k;
}

/**
 * Typed-view x,y,z of any type with scale and offset (LAS int32, PLY double, ascii values): bounds
 * and finiteness first, then positions written relative to the chosen origin in float64.
 */
function decodeNumeric(region: Region, n: number, layout: RecordLayout, alloc: Allocate): Partial {
  const axes = [layout.x, layout.y, layout.z].map((s) => ({
    v: viewOf(region, s)!,
    j: indexOf(region, s),
    step: s.step / s.size,
    scale: s.scale ?? 1,
    add: s.add ?? 0,
  }));
  const [ax, ay, az] = axes as [(typeof axes)[0], (typeof axes)[0], (typeof axes)[0]];
  const lo = [Infinity, Infinity, Infinity];
  const hi = [-Infinity, -Infinity, -Infinity];
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
    const r = ranges ? ranges[k]! : rawRange(a.v, n, a.j, a.step);
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
      const px = ax.v[ax.j + i * ax.step]! * ax.scale + ax.add;
      const py = ay.v[ay.j + i * ay.step]! * ay.scale + ay.add;
      const pz = az.v[az.j + i * az.step]! * az.scale + az.add;
      if (px - px !== 0 || py - py !== 0 || pz - pz !== 0) continue;
      kept[k++] = i;
      lo[0] = Math.min(lo[0]!, px);
      lo[1] = Math.min(lo[1]!, py);
      lo[2] = Math.min(lo[2]!, pz);
      hi[0] = Math.max(hi[0]!, px);
      hi[1] = Math.max(hi[1]!, py);
      hi[2] = Math.max(hi[2]!, pz);
    }
    kept = kept.subarray(0, k);
  }
  const raw = boundsOf(k, lo[0]!, lo[1]!, lo[2]!, hi[0]!, hi[1]!, hi[2]!);
  const origin = chooseOrigin(raw);
  const positions = alloc("f32", k * 3) as Float32Array;
  const o = [origin.x, origin.y, origin.z];
  if (ranges && !kept) {
    writeAxes3(ax.v, ay.v, az.v, k, ax.j, ay.j - ax.j, az.j - ax.j, ax.step, axes, o, positions);
  } else {
    axes.forEach((a, c) => {
      writeAxis(a.v, a.j, a.step, a.scale, a.add - o[c]!, positions, c, k, kept);
    });
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
    const value = v[j]!;
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
    const x = vx[j]!;
    const y = vy[j + dy]!;
    const z = vz[j + dz]!;
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
  axes: { scale: number; add: number }[],
  origin: number[],
  out: Float32Array,
): void {
  const [ax, ay, az] = axes as [(typeof axes)[0], (typeof axes)[0], (typeof axes)[0]];
  const sx = ax.scale;
  const sy = ay.scale;
  const sz = az.scale;
  const addX = ax.add - origin[0]!;
  const addY = ay.add - origin[1]!;
  const addZ = az.add - origin[2]!;
  for (let o = 0, end = k * 3; o < end; o += 3, j += step) {
    out[o] = vx[j]! * sx + addX;
    out[o + 1] = vy[j + dy]! * sy + addY;
    out[o + 2] = vz[j + dz]! * sz + addZ;
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
    for (let t = 0; t < k; t++) out[t * 3 + c] = v[j + kept[t]! * step]! * scale + add;
    return;
  }
  for (let t = 0, o = c; t < k; t++, o += 3, j += step) out[o] = v[j]! * scale + add;
}

function decodeGeneric(bytes: Uint8Array, n: number, layout: RecordLayout, alloc: Allocate): DecodedRecords {
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
  const positions = alloc("f32", k * 3) as Float32Array;
  const keptIndex = kept?.subarray(0, k);
  for (let t = 0; t < k; t++) {
    const i = keptIndex ? keptIndex[t]! : t;
    positions[t * 3] = rx(i) - origin.x;
    positions[t * 3 + 1] = ry(i) - origin.y;
    positions[t * 3 + 2] = rz(i) - origin.z;
  }
  const attributes: PointCloud["attributes"] = {};
  for (const spec of layout.attributes) {
    attributes[spec.name] = decodeAttribute(view, undefined, spec, k, keptIndex, alloc, le);
  }
  return {
    cloud: { pointCount: k, positions, originM: origin, attributes },
  };
}

function decodeAttribute(
  view: DataView,
  region: Region | undefined,
  spec: AttributeSpec,
  k: number,
  keptIndex: Uint32Array | undefined,
  alloc: Allocate,
  le = true,
): { values: AttributeArray; components: number } {
  if (spec.packedRgb) {
    const s = spec.sources[0]!;
    const out = alloc("u8", k * 3);
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
  const out = alloc(spec.out, k * components);
  for (let c = 0; c < components; c++) {
    const s = spec.sources[c]!;
    const typed = region && le && viewable(region, s) ? viewOf(region, s) : undefined;
    if (typed) {
      copyColumn(typed, indexOf(region!, s), s.step / s.size, out, components, c, k, keptIndex);
      continue;
    }
    const read = scalarReader(view, s, le);
    for (let t = 0; t < k; t++) {
      const i = keptIndex ? keptIndex[t]! : t;
      out[t * components + c] = read(s.base + i * s.step);
    }
  }
  return { values: out, components };
}

function copyColumn(
  v: NumericArray,
  j: number,
  step: number,
  out: AttributeArray,
  components: number,
  c: number,
  k: number,
  kept: Uint32Array | undefined,
): void {
  if (kept) {
    for (let t = 0; t < k; t++) out[t * components + c] = v[j + kept[t]! * step]!;
    return;
  }
  for (let t = 0, o = c; t < k; t++, o += components, j += step) out[o] = v[j]!;
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

const scratchF32 = new Float32Array(1);
const scratchU32 = new Uint32Array(scratchF32.buffer);

/** The 32-bit colour word of a packed rgb value that was parsed from text. */
function packedWord(value: number, fromFloat: boolean): number {
  if (!fromFloat) return value >>> 0;
  scratchF32[0] = value;
  return scratchU32[0]!;
}
