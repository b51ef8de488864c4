import type { AttributeArray } from "../../core/pointcloud/PointCloud";
import type { Allocate, AttributeSpec, ScalarSource } from "./decodeRecords";
import { indexOf, type NumericArray, type Region, viewable, viewOf } from "./recordRegion";
import { must } from "../../core/model/must";

/**
 * One output attribute for the k kept points (source indices `keptIndex`, or 0..k−1): typed views
 * where the region's alignment allows, DataView reads otherwise.
 */
export function decodeAttribute(
  view: DataView,
  region: Region | undefined,
  spec: AttributeSpec,
  k: number,
  keptIndex: Uint32Array | undefined,
  alloc: Allocate,
  le = true,
): { values: AttributeArray; components: number } {
  if (spec.packedRgb) {
    const s = must(spec.sources[0], "the packed rgb source");
    const out = alloc("u8", k * 3);
    for (let t = 0; t < k; t++) {
      const i = keptIndex ? (keptIndex[t] ?? NaN) : t;
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
  for (const [c, s] of spec.sources.entries()) {
    const typed = region && le && viewable(region, s) ? viewOf(region, s) : undefined;
    if (typed && region) {
      copyColumn(typed, indexOf(region, s), s.step / s.size, out, components, c, k, keptIndex);
      continue;
    }
    const read = scalarReader(view, s, le);
    for (let t = 0; t < k; t++) {
      const i = keptIndex ? (keptIndex[t] ?? NaN) : t;
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
    for (let t = 0; t < k; t++) out[t * components + c] = v[j + (kept[t] ?? NaN) * step] ?? NaN;
    return;
  }
  for (let t = 0, o = c; t < k; t++, o += components, j += step) out[o] = v[j] ?? NaN;
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

const scratchF32 = new Float32Array(1);
const scratchU32 = new Uint32Array(scratchF32.buffer);

/** The 32-bit colour word of a packed rgb value that was parsed from text. */
function packedWord(value: number, fromFloat: boolean): number {
  if (!fromFloat) return value >>> 0;
  scratchF32[0] = value;
  return scratchU32[0] ?? NaN;
}
