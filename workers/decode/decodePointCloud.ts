import { DEFAULT_MAX_POINTS, type DecodeOptions, type DecodeResult } from "./DecodeResult";
import { decodeFloatBin } from "./decodeFloatBin";
import { detectPointCloudFormat } from "./detectPointCloudFormat";
import { decodePcd } from "./pcd/decodePcd";
import { PointCloudDecodeError } from "./PointCloudDecodeError";

/**
 * Decodes any supported point-cloud file, synchronously, into one structure-of-arrays PointCloud.
 * Formats: PCD (ascii, binary, binary_compressed), KITTI .bin, nuScenes .pcd.bin, PLY, LAS.
 * LAZ needs WebAssembly that loads asynchronously: use decodePointCloudAsync for it (this throws).
 * Bad input throws PointCloudDecodeError (file, byteOffset, reason); never anything else.
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
        return decodePcd(bytes, fileName, maxPoints);
      case "kitti-bin":
      case "nuscenes-bin":
        return decodeFloatBin(bytes, fileName, format, maxPoints);
      default:
        throw new PointCloudDecodeError(fileName, 0, `${format} is not decoded yet`);
    }
  });
}

/** Anything but a PointCloudDecodeError escaping a decoder is a bug; still report it against the file. */
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
