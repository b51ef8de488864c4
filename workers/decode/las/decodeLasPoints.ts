import type { PointCloud } from "../../../core/pointcloud/PointCloud";
import { chooseOrigin } from "../chooseOrigin";
import type { DecodeResult } from "../DecodeResult";
import { type Allocate, allocate } from "../decodeRecords";
import { PointCloudDecodeError } from "../PointCloudDecodeError";
import { scratchBytes } from "../scratchBytes";
import type { LasHeader } from "./parseLasHeader";

/**
 * Decodes uncompressed LAS point records (from a .las file, or from laz-perf for .laz) starting
 * at `dataOffset` of `data`. Keeps intensity (float32), classification, returnNumber,
 * pointSourceId, gpsTime (float64), rgb (uint8: 16-bit colours scaled down when they exceed 255)
 * and nir.
 *
 * Coordinates are read as int32 words when records are a whole number of words (formats 0, 1,
 * 7, …; copied once if misaligned) and assembled from bytes otherwise (format 3's 34-byte
 * records), and written relative to an origin picked from the header's extent; a header without
 * a usable extent costs one extra pass.
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
  const attrs = { intensity, classification, returnNumber, pointSourceId };
  if (stride % 4 === 0) {
    // Word-sized records (formats 0, 1, 7, …): X, Y, Z as int32 words of an aligned copy.
    const aligned =
      (data.byteOffset + dataOffset) % 4 === 0
        ? data.subarray(dataOffset)
        : copyAligned(data, dataOffset, n * stride);
    decodeWords(aligned, n, stride, header, origin, positions);
    decodeCore(aligned, 0, n, stride, header, origin, legacy, undefined, attrs);
  } else {
    decodeCore(data, dataOffset, n, stride, header, origin, legacy, positions, attrs);
  }
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

/** The per-point scalars, and X, Y, Z assembled from bytes (any record length and alignment) unless done already. */
function decodeCore(
  b: Uint8Array,
  start: number,
  n: number,
  stride: number,
  header: LasHeader,
  origin: { x: number; y: number; z: number },
  legacy: boolean,
  positions: Float32Array | undefined,
  { intensity, classification, returnNumber, pointSourceId }: CoreAttributes,
): void {
  const classAt = legacy ? 15 : 16;
  const classMask = legacy ? 0x1f : 0xff;
  const returnMask = legacy ? 0x07 : 0x0f;
  const sourceAt = legacy ? 18 : 20;
  if (positions) decodeBytePositions(b, start, n, stride, header, origin, positions);
  for (let i = 0, o = start; i < n; i++, o += stride) {
    intensity[i] = b[o + 12]! | (b[o + 13]! << 8);
    returnNumber[i] = b[o + 14]! & returnMask;
    classification[i] = b[o + classAt]! & classMask;
    pointSourceId[i] = b[o + sourceAt]! | (b[o + sourceAt + 1]! << 8);
  }
}

/** world − origin = raw × scale + (offset − origin): one multiply-add per coordinate. */
function foldedOffsets(header: LasHeader, origin: { x: number; y: number; z: number }) {
  return [header.offset[0] - origin.x, header.offset[1] - origin.y, header.offset[2] - origin.z] as const;
}

function decodeBytePositions(
  b: Uint8Array,
  start: number,
  n: number,
  stride: number,
  header: LasHeader,
  origin: { x: number; y: number; z: number },
  positions: Float32Array,
): void {
  const [sx, sy, sz] = header.scale;
  const [ax, ay, az] = foldedOffsets(header, origin);
  for (let i = 0, o = start, p = 0; i < n; i++, o += stride, p += 3) {
    const x = b[o]! | (b[o + 1]! << 8) | (b[o + 2]! << 16) | (b[o + 3]! << 24);
    const y = b[o + 4]! | (b[o + 5]! << 8) | (b[o + 6]! << 16) | (b[o + 7]! << 24);
    const z = b[o + 8]! | (b[o + 9]! << 8) | (b[o + 10]! << 16) | (b[o + 11]! << 24);
    positions[p] = x * sx + ax;
    positions[p + 1] = y * sy + ay;
    positions[p + 2] = z * sz + az;
  }
}

function decodeWords(
  aligned: Uint8Array,
  n: number,
  stride: number,
  header: LasHeader,
  origin: { x: number; y: number; z: number },
  positions: Float32Array,
): void {
  const words = new Int32Array(aligned.buffer, aligned.byteOffset, (n * stride) >> 2);
  const step = stride >> 2;
  const [sx, sy, sz] = header.scale;
  const [ax, ay, az] = foldedOffsets(header, origin);
  for (let i = 0, j = 0, p = 0; i < n; i++, j += step, p += 3) {
    positions[p] = words[j]! * sx + ax;
    positions[p + 1] = words[j + 1]! * sy + ay;
    positions[p + 2] = words[j + 2]! * sz + az;
  }
}

function copyAligned(data: Uint8Array, start: number, length: number): Uint8Array {
  const copy = scratchBytes("aligned", length);
  copy.set(data.subarray(start, start + length));
  return copy;
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
