import type { DecodeResult } from "../DecodeResult";
import {
  type Allocate,
  type AttributeSpec,
  decodeRecords,
  type OutputType,
  type ScalarSource,
} from "../decodeRecords";
import { PointCloudDecodeError } from "../PointCloudDecodeError";
import type { LasHeader } from "./parseLasHeader";

/**
 * Decodes uncompressed LAS point records (from a .las file, or from laz-perf for .laz) starting at
 * `dataOffset` of `data`. Keeps intensity (float32), classification, return number, point source
 * id, GPS time (`gpsTime`, float64), rgb (uint8: 16-bit colours scaled down when they exceed 255)
 * and nir.
 */
export function decodeLasPoints(
  header: LasHeader,
  data: Uint8Array,
  dataOffset: number,
  file: string,
  format: "las" | "laz",
  alloc?: Allocate,
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
  const at = (offset: number, kind: ScalarSource["kind"], size: ScalarSource["size"]): ScalarSource => ({
    base: dataOffset + offset,
    step: stride,
    kind,
    size,
  });
  const coordinate = (k: number) => ({ ...at(k * 4, "i", 4), scale: header.scale[k], add: header.offset[k] });
  const f = header.pointFormat;
  const legacy = f < 6;
  const attributes: AttributeSpec[] = [{ name: "intensity", out: "f32", sources: [at(12, "u", 2)] }];
  const attr = (name: string, out: OutputType, ...sources: ScalarSource[]) =>
    attributes.push({ name, out, sources });
  attr("classification", "u8", at(legacy ? 15 : 16, "u", 1));
  attr("returnByte", "u8", at(14, "u", 1));
  attr("pointSourceId", "u16", at(legacy ? 18 : 20, "u", 2));
  const gpsAt = legacy ? ([1, 3, 4, 5].includes(f) ? 20 : -1) : 22;
  if (gpsAt >= 0) attr("gpsTime", "f64", at(gpsAt, "f", 8));
  const rgbAt = { 2: 20, 3: 28, 5: 28, 7: 30, 8: 30, 10: 30 }[f];
  if (rgbAt !== undefined)
    attr("rgb", "u16", at(rgbAt, "u", 2), at(rgbAt + 2, "u", 2), at(rgbAt + 4, "u", 2));
  if (f === 8 || f === 10) attr("nir", "u16", at(36, "u", 2));
  const decoded = decodeRecords(
    data,
    n,
    { littleEndian: true, x: coordinate(0), y: coordinate(1), z: coordinate(2), attributes },
    alloc,
  );
  const attrs = decoded.cloud.attributes;
  // Legacy formats keep the class in the low 5 bits and the return number in the low 3 (4 in 6–10).
  maskInPlace(attrs.classification!.values, legacy ? 0x1f : 0xff);
  const returns = attrs.returnByte!.values;
  maskInPlace(returns, legacy ? 0x07 : 0x0f);
  attrs.returnNumber = attrs.returnByte!;
  delete attrs.returnByte;
  if (attrs.rgb) attrs.rgb = { values: rgbTo8Bit(attrs.rgb.values as Uint16Array), components: 3 };
  const warnings =
    decoded.cloud.pointCount < n ? [`${n - decoded.cloud.pointCount} non-finite points dropped`] : [];
  return {
    cloud: decoded.cloud,
    format,
    encoding: `LAS 1.${header.versionMinor} point format ${f}`,
    declaredPoints: n,
    fields: ["x", "y", "z", ...attributes.map((a) => (a.name === "returnByte" ? "returnNumber" : a.name))],
    warnings,
  };
}

function maskInPlace(values: ArrayLike<number> & { [i: number]: number }, mask: number): void {
  for (let i = 0; i < values.length; i++) values[i] = values[i]! & mask;
}

/** LAS colours are 16-bit by the spec but many writers store 0–255; scale only when needed. */
function rgbTo8Bit(values: Uint16Array): Uint8Array {
  let max = 0;
  for (let i = 0; i < values.length; i++) if (values[i]! > max) max = values[i]!;
  const shift = max > 255 ? 8 : 0;
  const out = new Uint8Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = values[i]! >> shift;
  return out;
}
