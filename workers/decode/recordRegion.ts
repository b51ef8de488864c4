import type { AttributeArray, PointCloud } from "../../core/pointcloud/PointCloud";
import { layoutEnd, type RecordLayout, type ScalarSource } from "./decodeRecords";
import { scratchBytes } from "./scratchBytes";

/** The input (or an aligned copy): the scalar at input byte b lies at byte b + shift of buffer. */
export interface Region {
  buffer: ArrayBufferLike;
  shift: number;
}

export function alignedRegion(bytes: Uint8Array, layout: RecordLayout, n: number): Region {
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

export function viewable(region: Region, s: ScalarSource): boolean {
  return (s.base + region.shift) % s.size === 0 && s.step % s.size === 0;
}

/** A typed array of any numeric element type. */
export type NumericArray = AttributeArray;

/** A typed view of the region whose element index j is source byte j × size − shift. */
export function viewOf(region: Region, s: ScalarSource): NumericArray | undefined {
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
export const indexOf = (region: Region, s: ScalarSource) => ((s.base + region.shift) / s.size) | 0;

export interface PartialDecode {
  cloud: PointCloud;
  /** Source index of each kept point when some were dropped. */
  kept: Uint32Array | undefined;
}
