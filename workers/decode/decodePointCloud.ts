import { DEFAULT_MAX_POINTS, type DecodeOptions, type DecodeResult } from "./DecodeResult";
import { decodeFloatBin } from "./decodeFloatBin";
import { detectPointCloudFormat } from "./detectPointCloudFormat";
import { decodeLas } from "./las/decodeLas";
import { decodePcd } from "./pcd/decodePcd";
import { decodePly } from "./ply/decodePly";
import { PointCloudDecodeError } from "./PointCloudDecodeError";

/**
 * Decodes a point-cloud file synchronously into one structure-of-arrays PointCloud.
 * Formats: PCD (ascii, binary, binary_compressed), KITTI .bin, nuScenes .pcd.bin, PLY, LAS.
 * LAZ needs WebAssembly that loads asynchronously: use decodePointCloudAsync (this throws for it).
 * Bad input throws PointCloudDecodeError (file, byteOffset, reason), never a bare RangeError.
 */
export function decodePointCloud(
  bytes: Uint8Array,
  fileName: string,
  options: DecodeOptions = {},
): DecodeResult {
  const maxPoints = options.maxPoints ?? DEFAULT_MAX_POINTS;
  const format = detectPointCloudFormat(bytes, fileName);
  return guard(fileName, () => {
    switch (format) {
      case "pcd":
        return decodePcd(bytes, fileName, maxPoints, options.allocate);
      case "kitti-bin":
      case "nuscenes-bin":
        return decodeFloatBin(bytes, fileName, format, maxPoints, options.allocate);
      case "ply":
        return decodePly(bytes, fileName, maxPoints, options.allocate);
      case "las":
        return decodeLas(bytes, fileName, maxPoints, options.allocate);
      case "laz":
        throw new PointCloudDecodeError(
          fileName,
          0,
          "LAZ is decoded asynchronously: call decodePointCloudAsync",
        );
    }
  });
}

/** Anything but a PointCloudDecodeError escaping a decoder is a bug; RangeErrors still name the file. */
export function guard<T>(file: string, decode: () => T): T {
  try {
    return decode();
  } catch (error) {
    if (error instanceof PointCloudDecodeError) throw error;
    if (error instanceof RangeError)
      throw new PointCloudDecodeError(file, 0, `cannot be decoded: ${error.message}`);
    throw error;
  }
}
