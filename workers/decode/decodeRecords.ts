import type { AttributeArray, PointCloud } from "../../core/pointcloud/PointCloud";
import { decodeAttribute } from "./decodeAttribute";
import { decodeFloat32Records } from "./decodeFloat32Records";
import { decodeGenericRecords } from "./decodeGenericRecords";
import { decodeNumericRecords } from "./decodeNumericRecords";
import { alignedRegion, type PartialDecode, type Region, viewable } from "./recordRegion";

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
 * and rebasing far-away clouds (see chooseOrigin). float32 x,y,z (lidar PCD, KITTI) take one fused
 * pass (decodeFloat32Records, in WebAssembly where it can); other little-endian layouts read typed
 * views of the input (copied once into an aligned scratch buffer when misaligned: one memcpy is
 * far cheaper than DataView reads); the rest goes through DataView (decodeGenericRecords).
 */
export function decodeRecords(
  bytes: Uint8Array,
  pointCount: number,
  layout: RecordLayout,
  alloc: Allocate = allocate,
): DecodedRecords {
  if (!layout.littleEndian) return decodeGenericRecords(bytes, pointCount, layout, alloc);
  let region: Region | undefined;
  const regionOf = () => {
    region ??= alignedRegion(bytes, layout, pointCount);
    return region;
  };
  const { x, y, z } = layout;
  const plainF32 = [x, y, z].every(
    (s) => s.kind === "f" && s.size === 4 && s.scale === undefined && s.add === undefined,
  );
  const fusedCandidate = plainF32
    ? layout.attributes.find(
        (a) =>
          a.out === "f32" &&
          !a.packedRgb &&
          a.sources.length === 1 &&
          a.sources[0]?.kind === "f" &&
          a.sources[0]?.size === 4,
      )
    : undefined;
  const float32 = plainF32
    ? decodeFloat32Records(bytes, regionOf, pointCount, layout, fusedCandidate, alloc)
    : undefined;
  if (plainF32 && !float32) return decodeGenericRecords(bytes, pointCount, layout, alloc);
  let decoded: PartialDecode;
  if (float32) {
    decoded = float32;
  } else {
    const r = regionOf();
    if (!viewable(r, x) || !viewable(r, y) || !viewable(r, z)) {
      return decodeGenericRecords(bytes, pointCount, layout, alloc);
    }
    decoded = decodeNumericRecords(r, pointCount, layout, alloc);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (const spec of layout.attributes) {
    if (spec === float32?.fused) continue;
    decoded.cloud.attributes[spec.name] = decodeAttribute(
      view,
      regionOf(),
      spec,
      decoded.cloud.pointCount,
      decoded.kept,
      alloc,
    );
  }
  return { cloud: decoded.cloud };
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
