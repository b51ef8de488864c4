import type { PointCloud } from "../../../core/pointcloud/PointCloud";
import { chooseOrigin } from "../chooseOrigin";
import type { DecodeResult } from "../DecodeResult";
import { type Allocate, allocate } from "../decodeRecords";
import { PointCloudDecodeError } from "../PointCloudDecodeError";
import { copyLasRecords, type LasRecordOutputs, type LasScalarLayout } from "./copyLasRecords";
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
  decodeRecords(data, dataOffset, n, stride, header, origin, legacy, {
    positions,
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
    for (let i = 0, o = dataOffset + 36; i < n; i++, o += stride)
      nir[i] = (data[o] ?? NaN) | ((data[o + 1] ?? NaN) << 8);
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

/** Where the per-point scalars lie: legacy formats 0–5 and formats 6–10 differ past byte 14. */
function scalarLayout(legacy: boolean): LasScalarLayout {
  return legacy
    ? { returnMask: 0x07, classAt: 15, classMask: 0x1f, sourceAt: 18 }
    : { returnMask: 0x0f, classAt: 16, classMask: 0xff, sourceAt: 20 };
}

/** world − origin = raw × scale + (offset − origin): one multiply-add per coordinate. */
function foldedOffsets(header: LasHeader, origin: { x: number; y: number; z: number }) {
  return [header.offset[0] - origin.x, header.offset[1] - origin.y, header.offset[2] - origin.z] as const;
}

/**
 * X, Y, Z and the per-point scalars of every record in ONE pass: through the WebAssembly kernel
 * (copyLasRecords) where it compiles, else this JavaScript loop, with identical results. 2M
 * format-0 records at byte 227, node 20, CPU time, the variants interleaved in one process on a
 * loaded machine (min): WebAssembly ~22 ms, this loop ~33 ms (~27 ms unrolled four times: not
 * worth the repetition in a fallback), the previous int32-word loop ~51 ms.
 *
 * The loop reads through a DataView at any record length and alignment (LAS point data starts at
 * byte 227 + VLRs: usually misaligned): optimised DataView reads compile to plain unaligned loads,
 * faster than int32 words merged across the misalignment or a 40 MB copy into an aligned buffer.
 */
function decodeRecords(
  b: Uint8Array,
  start: number,
  n: number,
  stride: number,
  header: LasHeader,
  origin: { x: number; y: number; z: number },
  legacy: boolean,
  out: LasRecordOutputs,
): void {
  const add = foldedOffsets(header, origin);
  const layout = scalarLayout(legacy);
  if (copyLasRecords(b, start, n, stride, header.scale, add, layout, out)) return;
  const { positions, intensity, classification, returnNumber, pointSourceId } = out;
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const [sx, sy, sz] = header.scale;
  const [ax, ay, az] = add;
  const { returnMask, classAt, classMask, sourceAt } = layout;
  for (let i = 0, o = start, p = 0; i < n; i++, o += stride, p += 3) {
    positions[p] = v.getInt32(o, true) * sx + ax;
    positions[p + 1] = v.getInt32(o + 4, true) * sy + ay;
    positions[p + 2] = v.getInt32(o + 8, true) * sz + az;
    intensity[i] = v.getUint16(o + 12, true);
    returnNumber[i] = v.getUint8(o + 14) & returnMask;
    classification[i] = v.getUint8(o + classAt) & classMask;
    pointSourceId[i] = v.getUint16(o + sourceAt, true);
  }
}

/** The header's extent when it is usable, else the real one (one pass over the coordinates). */
function extent(header: LasHeader, b: Uint8Array, start: number, n: number) {
  const { min, max } = header;
  const usable =
    min.every((v, k) => Number.isFinite(v) && Number.isFinite(max[k] ?? NaN) && v <= (max[k] ?? NaN)) &&
    max.some((v, k) => v !== min[k]);
  if (usable) return { min: { x: min[0], y: min[1], z: min[2] }, max: { x: max[0], y: max[1], z: max[2] } };
  const lo = [Infinity, Infinity, Infinity];
  const hi = [-Infinity, -Infinity, -Infinity];
  for (let i = 0, o = start; i < n; i++, o += header.recordLength) {
    for (let k = 0; k < 3; k++) {
      const at = o + k * 4;
      const raw =
        (b[at] ?? NaN) | ((b[at + 1] ?? NaN) << 8) | ((b[at + 2] ?? NaN) << 16) | ((b[at + 3] ?? NaN) << 24);
      const world = raw * (header.scale[k] ?? NaN) + (header.offset[k] ?? NaN);
      lo[k] = Math.min(lo[k] ?? NaN, world);
      hi[k] = Math.max(hi[k] ?? NaN, world);
    }
  }
  if (n === 0) return { min: { x: 0, y: 0, z: 0 }, max: { x: 0, y: 0, z: 0 } };
  return {
    min: { x: lo[0] ?? NaN, y: lo[1] ?? NaN, z: lo[2] ?? NaN },
    max: { x: hi[0] ?? NaN, y: hi[1] ?? NaN, z: hi[2] ?? NaN },
  };
}

/** LAS colours are 16-bit by the spec but many writers store 0–255; scale down only when needed. */
function rgb8(b: Uint8Array, start: number, n: number, stride: number, alloc: Allocate): Uint8Array {
  let high = 0;
  for (let i = 0, o = start; i < n; i++, o += stride)
    high |= (b[o + 1] ?? NaN) | (b[o + 3] ?? NaN) | (b[o + 5] ?? NaN);
  const hi = high !== 0 ? 1 : 0;
  const out = alloc("u8", n * 3) as Uint8Array;
  for (let i = 0, o = start; i < n; i++, o += stride) {
    out[i * 3] = b[o + hi] ?? NaN;
    out[i * 3 + 1] = b[o + 2 + hi] ?? NaN;
    out[i * 3 + 2] = b[o + 4 + hi] ?? NaN;
  }
  return out;
}
