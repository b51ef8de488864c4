import type { PointCloudFormat } from "./DecodeResult";
import { PointCloudDecodeError } from "./PointCloudDecodeError";

const startsWith = (bytes: Uint8Array, text: string) =>
  bytes.length >= text.length && [...text].every((ch, i) => bytes[i] === ch.charCodeAt(0));

/**
 * Picks the format from magic bytes first (PLY "ply", LAS "LASF", PCD "#"/"VERSION"/"FIELDS"),
 * then from the extension for the headerless binaries (.pcd.bin nuScenes, .bin KITTI). A file
 * whose extension promises a format its bytes do not start with is refused.
 */
export function detectPointCloudFormat(bytes: Uint8Array, file: string): PointCloudFormat {
  const name = file.toLowerCase().split(/[?#]/)[0] ?? "";
  if (bytes.length === 0) throw new PointCloudDecodeError(file, 0, "the file is empty");
  if (startsWith(bytes, "ply\n") || startsWith(bytes, "ply\r\n")) return "ply";
  if (startsWith(bytes, "LASF")) {
    // Bit 7 of the point format byte (offset 104) marks LAZ compression.
    return name.endsWith(".laz") || ((bytes[104] ?? 0) & 0x80) !== 0 ? "laz" : "las";
  }
  if (name.endsWith(".pcd.bin")) return "nuscenes-bin";
  if (name.endsWith(".bin")) return "kitti-bin";
  if (startsWith(bytes, "#") || startsWith(bytes, "VERSION") || startsWith(bytes, "FIELDS")) return "pcd";
  const magic = Array.from(bytes.subarray(0, 4), (b) => b.toString(16).padStart(2, "0")).join(" ");
  const expected = name.endsWith(".pcd")
    ? 'a PCD header ("# .PCD" or "VERSION")'
    : name.endsWith(".ply")
      ? 'the PLY magic "ply"'
      : name.endsWith(".las") || name.endsWith(".laz")
        ? 'the LAS magic "LASF"'
        : "a known format (.pcd, .ply, .las, .laz, KITTI .bin, nuScenes .pcd.bin)";
  throw new PointCloudDecodeError(file, 0, `starts with bytes ${magic}, not ${expected}`);
}
