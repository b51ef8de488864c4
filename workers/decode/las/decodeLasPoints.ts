import type { PointCloud } from "../../../core/pointcloud/PointCloud";
import { chooseOrigin } from "../chooseOrigin";
import type { DecodeResult } from "../DecodeResult";
import { type Allocate, allocate } from "../decodeRecords";
import { PointCloudDecodeError } from "../PointCloudDecodeError";
import type { LasHeader } from "./parseLasHeader";

/**
 * Decodes uncompressed LAS point records (from a .las file, or from laz-perf for .laz) starting
 * at `dataOffset` of `data`. Keeps intensity (float32), classification, returnNumber,
 * pointSourceId, gpsTime (float64), rgb (uint8: 16-bit colours scaled down when they exceed 255)
 * and nir.
 *
 * Coordinates and the per-point scalars are decoded in one pass over the records (see
 * decodeRecords) and written relative to an origin picked from the header's extent; a header
 * without a usable extent costs one extra pass.
 */
export function decodeLasPoints(
  header: LasHeader,
  data: Uint8Array,
  dataOffset: number,
  file: string,
  format: "las" | "laz",
  alloc: Allocate = allocate,
): DecodeResult {
  const n = header.pointCount;
  const stride = header.recordLength;
  const available = data.length - dataOffset;
  if (n * stride > available) {
    const holds = Math.floor(available / stride);
    throw new PointCloudDecodeError(
      file,
      dataOffset + holds * stride,
      `header declares ${n} points but the data holds ${holds} points`,
    );
  }
  const f = header.pointFormat;
  const legacy = f < 6;
  const origin = chooseOrigin(extent(header, data, dataOffset, n));
  const positions = alloc("f32", n * 3) as Float32Array;
  const intensity = alloc("f32", n) as Float32Array;
  const classification = alloc("u8", n) as Uint8Array;
  const returnNumber = alloc("u8", n) as Uint8Array;
  const pointSourceId = alloc("u16", n) as Uint16Array;
  decodeRecords(data, dataOffset, n, stride, header, origin, legacy, positions, {
    intensity,
    classification,
    returnNumber,
    pointSourceId,
  });
  const attributes: PointCloud["attributes"] = {
    intensity: { values: intensity, components: 1 },
    classification: { values: classification, components: 1 },
    returnNumber: { values: returnNumber, components: 1 },
    pointSourceId: { values: pointSourceId, components: 1 },
  };
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const gpsAt = legacy ? ([1, 3, 4, 5].includes(f) ? 20 : -1) : 22;
  if (gpsAt >= 0) {
    const gps = alloc("f64", n) as Float64Array;
    for (let i = 0, o = dataOffset + gpsAt; i < n; i++, o += stride) gps[i] = view.getFloat64(o, true);
    attributes.gpsTime = { values: gps, components: 1 };
  }
  const rgbAt = ({ 2: 20, 3: 28, 5: 28, 7: 30, 8: 30, 10: 30 } as Record<number, number>)[f];
  if (rgbAt !== undefined)
    attributes.rgb = { values: rgb8(data, dataOffset + rgbAt, n, stride, alloc), components: 3 };
  if (f === 8 || f === 10) {
    const nir = alloc("u16", n) as Uint16Array;
    for (let i = 0, o = dataOffset + 36; i < n; i++, o += stride) nir[i] = data[o]! | (data[o + 1]! << 8);
    attributes.nir = { values: nir, components: 1 };
  }
  return {
    cloud: { pointCount: n, positions, originM: origin, attributes },
    format,
    encoding: `LAS 1.${header.versionMinor} point format ${f}`,
    declaredPoints: n,
    fields: ["x", "y", "z", ...Object.keys(attributes)],
    // Scaled integers are always finite: no point is ever dropped.
    warnings: [],
  };
}

interface CoreAttributes {
  intensity: Float32Array;
  classification: Uint8Array;
  returnNumber: Uint8Array;
  pointSourceId: Uint16Array;
}

/** Where the per-point scalars lie: legacy formats 0–5 and formats 6–10 differ past byte 14. */
function scalarLayout(legacy: boolean) {
  return legacy
    ? { returnMask: 0x07, classAt: 15, classMask: 0x1f, sourceAt: 18 }
    : { returnMask: 0x0f, classAt: 16, classMask: 0xff, sourceAt: 20 };
}

/** world − origin = raw × scale + (offset − origin): one multiply-add per coordinate. */
function foldedOffsets(header: LasHeader, origin: { x: number; y: number; z: number }) {
  return [header.offset[0] - origin.x, header.offset[1] - origin.y, header.offset[2] - origin.z] as const;
}

/**
 * X, Y, Z and the per-point scalars of every record in ONE pass. Word-sized records (formats 0,
 * 1, 7, …) are read as int32 words of the input's own buffer, aligned or not: a misaligned
 * record's word is the merge of two neighbouring aligned words (two shifts and an or), which
 * is cheaper than copying the data into an aligned buffer first (a memcpy of the whole file)
 * and then reading it twice. Records the word view cannot reach whole (the last ones, when the
 * buffer ends within their final word) and other record lengths (format 3's 34 bytes) are
 * assembled from bytes.
 */
function decodeRecords(
  b: Uint8Array,
  start: number,
  n: number,
  stride: number,
  header: LasHeader,
  origin: { x: number; y: number; z: number },
  legacy: boolean,
  positions: Float32Array,
  attrs: CoreAttributes,
): void {
  let done = 0;
  if (stride % 4 === 0 && n > 0) {
    const at = b.byteOffset + start;
    const misaligned = at & 3;
    const words = new Int32Array(b.buffer, 0, b.buffer.byteLength >> 2);
    const first = (at - misaligned) >> 2;
    const step = stride >> 2;
    // Highest word a record reads: its source id's word, plus the next one when merging.
    const last = (legacy ? 4 : 5) + (misaligned ? 1 : 0);
    // Records i < whole have every word they read inside the view.
    const whole = Math.max(0, Math.min(n, Math.floor((words.length - 1 - last - first) / step) + 1));
    if (misaligned === 0)
      decodeAlignedWords(words, first, whole, step, header, origin, legacy, positions, attrs);
    else
      decodeShiftedWords(words, first, whole, step, misaligned * 8, header, origin, legacy, positions, attrs);
    done = whole;
  }
  decodeBytes(b, start, done, n, stride, header, origin, legacy, positions, attrs);
}

interface CoreAttributes {
  intensity: Float32Array;
  classification: Uint8Array;
  returnNumber: Uint8Array;
  pointSourceId: Uint16Array;
}

function decodeAlignedWords(
  w: Int32Array,
  j: number,
  n: number,
  step: number,
  header: LasHeader,
  origin: { x: number; y: number; z: number },
  legacy: boolean,
  positions: Float32Array,
  { intensity, classification, returnNumber, pointSourceId }: CoreAttributes,
): void {
  const [sx, sy, sz] = header.scale;
  const [ax, ay, az] = foldedOffsets(header, origin);
  const { returnMask, classAt, classMask, sourceAt } = scalarLayout(legacy);
  // Byte 12–15 is intensity (16 bits) and the return byte; class and source id sit in the word
  // (cw, sw) at bit (cs, ss).
  const cw = classAt >> 2;
  const cs = (classAt & 3) * 8;
  const sw = sourceAt >> 2;
  const ss = (sourceAt & 3) * 8;
  for (let i = 0, p = 0; i < n; i++, j += step, p += 3) {
    positions[p] = w[j]! * sx + ax;
    positions[p + 1] = w[j + 1]! * sy + ay;
    positions[p + 2] = w[j + 2]! * sz + az;
    const w3 = w[j + 3]!;
    intensity[i] = w3 & 0xffff;
    returnNumber[i] = (w3 >>> 16) & returnMask;
    classification[i] = (w[j + cw]! >>> cs) & classMask;
    pointSourceId[i] = (w[j + sw]! >>> ss) & 0xffff;
  }
}

/** decodeAlignedWords for records starting `s` bits (8, 16 or 24) into a word. */
function decodeShiftedWords(
  w: Int32Array,
  j: number,
  n: number,
  step: number,
  s: number,
  header: LasHeader,
  origin: { x: number; y: number; z: number },
  legacy: boolean,
  positions: Float32Array,
  { intensity, classification, returnNumber, pointSourceId }: CoreAttributes,
): void {
  const [sx, sy, sz] = header.scale;
  const [ax, ay, az] = foldedOffsets(header, origin);
  const { returnMask, classAt, classMask, sourceAt } = scalarLayout(legacy);
  const cw = classAt >> 2;
  const cs = (classAt & 3) * 8;
  const sw = sourceAt >> 2;
  const ss = (sourceAt & 3) * 8;
  const t = 32 - s;
  for (let i = 0, p = 0; i < n; i++, j += step, p += 3) {
    const a0 = w[j]!;
    const a1 = w[j + 1]!;
    const a2 = w[j + 2]!;
    const a3 = w[j + 3]!;
    const a4 = w[j + 4]!;
    positions[p] = ((a0 >>> s) | (a1 << t)) * sx + ax;
    positions[p + 1] = ((a1 >>> s) | (a2 << t)) * sy + ay;
    positions[p + 2] = ((a2 >>> s) | (a3 << t)) * sz + az;
    const w3 = (a3 >>> s) | (a4 << t);
    intensity[i] = w3 & 0xffff;
    returnNumber[i] = (w3 >>> 16) & returnMask;
    const wc = (w[j + cw]! >>> s) | (w[j + cw + 1]! << t);
    classification[i] = (wc >>> cs) & classMask;
    const ws = (w[j + sw]! >>> s) | (w[j + sw + 1]! << t);
    pointSourceId[i] = (ws >>> ss) & 0xffff;
  }
}

/** Records from..n-1 assembled from bytes (any record length and alignment). */
function decodeBytes(
  b: Uint8Array,
  start: number,
  from: number,
  n: number,
  stride: number,
  header: LasHeader,
  origin: { x: number; y: number; z: number },
  legacy: boolean,
  positions: Float32Array,
  { intensity, classification, returnNumber, pointSourceId }: CoreAttributes,
): void {
  const [sx, sy, sz] = header.scale;
  const [ax, ay, az] = foldedOffsets(header, origin);
  const { returnMask, classAt, classMask, sourceAt } = scalarLayout(legacy);
  for (let i = from, o = start + from * stride, p = from * 3; i < n; i++, o += stride, p += 3) {
    const x = b[o]! | (b[o + 1]! << 8) | (b[o + 2]! << 16) | (b[o + 3]! << 24);
    const y = b[o + 4]! | (b[o + 5]! << 8) | (b[o + 6]! << 16) | (b[o + 7]! << 24);
    const z = b[o + 8]! | (b[o + 9]! << 8) | (b[o + 10]! << 16) | (b[o + 11]! << 24);
    positions[p] = x * sx + ax;
    positions[p + 1] = y * sy + ay;
    positions[p + 2] = z * sz + az;
    intensity[i] = b[o + 12]! | (b[o + 13]! << 8);
    returnNumber[i] = b[o + 14]! & returnMask;
    classification[i] = b[o + classAt]! & classMask;
    pointSourceId[i] = b[o + sourceAt]! | (b[o + sourceAt + 1]! << 8);
  }
}

/** The header's extent when it is usable, else the real one (one pass over the coordinates). */
function extent(header: LasHeader, b: Uint8Array, start: number, n: number) {
  const { min, max } = header;
  const usable =
    min.every((v, k) => Number.isFinite(v) && Number.isFinite(max[k]!) && v <= max[k]!) &&
    max.some((v, k) => v !== min[k]);
  if (usable) return { min: { x: min[0], y: min[1], z: min[2] }, max: { x: max[0], y: max[1], z: max[2] } };
  const lo = [Infinity, Infinity, Infinity];
  const hi = [-Infinity, -Infinity, -Infinity];
  for (let i = 0, o = start; i < n; i++, o += header.recordLength) {
    for (let k = 0; k < 3; k++) {
      const at = o + k * 4;
      const raw = b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16) | (b[at + 3]! << 24);
      const world = raw * header.scale[k]! + header.offset[k]!;
      lo[k] = Math.min(lo[k]!, world);
      hi[k] = Math.max(hi[k]!, world);
    }
  }
  if (n === 0) return { min: { x: 0, y: 0, z: 0 }, max: { x: 0, y: 0, z: 0 } };
  return { min: { x: lo[0]!, y: lo[1]!, z: lo[2]! }, max: { x: hi[0]!, y: hi[1]!, z: hi[2]! } };
}

/** LAS colours are 16-bit by the spec but many writers store 0–255; scale down only when needed. */
function rgb8(b: Uint8Array, start: number, n: number, stride: number, alloc: Allocate): Uint8Array {
  let high = 0;
  for (let i = 0, o = start; i < n; i++, o += stride) high |= b[o + 1]! | b[o + 3]! | b[o + 5]!;
  const hi = high !== 0 ? 1 : 0;
  const out = alloc("u8", n * 3) as Uint8Array;
  for (let i = 0, o = start; i < n; i++, o += stride) {
    out[i * 3] = b[o + hi]!;
    out[i * 3 + 1] = b[o + 2 + hi]!;
    out[i * 3 + 2] = b[o + 4 + hi]!;
  }
  return out;
}
