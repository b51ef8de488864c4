import type { DecodeResult } from "./DecodeResult";
import { type Allocate, decodeRecords } from "./decodeRecords";
import { PointCloudDecodeError } from "./PointCloudDecodeError";

/** Headerless float32 little-endian records: KITTI velodyne (x y z reflectance) or nuScenes lidar (… ring). */
const LAYOUTS = {
  "kitti-bin": ["x", "y", "z", "intensity"],
  "nuscenes-bin": ["x", "y", "z", "intensity", "ring"],
} as const;

export function decodeFloatBin(
  bytes: Uint8Array,
  file: string,
  format: "kitti-bin" | "nuscenes-bin",
  maxPoints: number,
  alloc?: Allocate,
): DecodeResult {
  const fields = LAYOUTS[format];
  const stride = fields.length * 4;
  if (bytes.length === 0) throw new PointCloudDecodeError(file, 0, "the file is empty");
  if (bytes.length % stride !== 0) {
    throw new PointCloudDecodeError(
      file,
      bytes.length - (bytes.length % stride),
      `size ${bytes.length} is not a multiple of the ${stride}-byte ${format} record (${fields.join(" ")} as float32)`,
    );
  }
  const n = bytes.length / stride;
  if (n > maxPoints)
    throw new PointCloudDecodeError(file, 0, `${n} points is more than the limit of ${maxPoints}`);
  const at = (offset: number) => ({ base: offset, step: stride, kind: "f", size: 4 }) as const;
  const decoded = decodeRecords(
    bytes,
    n,
    {
      littleEndian: true,
      x: at(0),
      y: at(4),
      z: at(8),
      attributes: [
        { name: "intensity", out: "f32", sources: [at(12)] },
        ...(format === "nuscenes-bin" ? [{ name: "ring", out: "u8" as const, sources: [at(16)] }] : []),
      ],
    },
    alloc,
  );
  const dropped = n - decoded.cloud.pointCount;
  return {
    cloud: decoded.cloud,
    format,
    declaredPoints: n,
    fields: [...fields],
    warnings: dropped > 0 ? [`${dropped} non-finite points dropped`] : [],
  };
}
