import { createHash } from "node:crypto";
import { stat } from "node:fs/promises";
import type { CameraSensor } from "../../core/model/CameraSensor";
import { decodePointCloudAsync } from "../../workers/decode/decodePointCloudAsync";
import { PointCloudDecodeError } from "../../workers/decode/PointCloudDecodeError";
import { imageSizeFromHeader } from "./imageSizeFromHeader";
import { ImportError } from "./ImportError";
import type { ParsedSequence } from "./ParsedSequence";
import type { SourceFolder } from "./sourceFolder";

export interface FileLimits {
  /** Largest single sweep read: it is decoded whole, so this bounds the import's memory. */
  maxPointCloudBytes: number;
  /** Largest single image (only its header is interpreted). */
  maxImageBytes: number;
}

export const DEFAULT_FILE_LIMITS: FileLimits = {
  // 2M points × 48 B (a SUSTechPOINTS-style record) is 96 MB; the decoded copy is about as big.
  maxPointCloudBytes: 128 * 1024 ** 2,
  maxImageBytes: 64 * 1024 ** 2,
};

export type ValidationProgress = { phase: "validating"; done: number; total: number };

/** Decoder quirks reported per import, at most this many (one per file would flood the reply). */
const MAX_DECODER_WARNINGS = 20;

/**
 * Checks every file a parsed sequence refers to before anything is stored: each sweep is decoded
 * by the workers' decoders (the same code the browser runs, so what imports also opens), each
 * image's header is read (a size other than its camera's is a warning). Throws ImportError naming the file,
 * the place and the reason. Returns the decoders' warnings (e.g. stray bytes after the data) and
 * every file's SHA-256 (= its blob hash), for the import's fingerprint.
 */
export async function validateFrameFiles(
  parsed: ParsedSequence,
  src: SourceFolder,
  limits: FileLimits = DEFAULT_FILE_LIMITS,
  onProgress: (p: ValidationProgress) => void = () => {},
): Promise<{ warnings: string[]; sha256: Map<string, string> }> {
  const warnings: string[] = [];
  const sha256 = new Map<string, string>();
  const read = async (rel: string) => {
    const bytes = await src.readBytes(rel);
    sha256.set(rel, createHash("sha256").update(bytes).digest("hex"));
    return bytes;
  };
  const camerasAt = (i: number): CameraSensor[] => parsed.frames[i]?.sourceMeta?.cameras ?? parsed.cameras;
  const total = parsed.frames.length;
  for (const [i, frame] of parsed.frames.entries()) {
    const lidar = frame.lidarPath;
    await checkSize(src, lidar, limits.maxPointCloudBytes, "sweep");
    try {
      const decoded = await decodePointCloudAsync(await read(lidar), lidar);
      for (const w of decoded.warnings)
        if (warnings.length < MAX_DECODER_WARNINGS) warnings.push(`${lidar}: ${w}`);
    } catch (e) {
      if (e instanceof PointCloudDecodeError)
        throw new ImportError(lidar, `does not decode: ${e.reason} (byte ${e.byteOffset})`);
      throw new ImportError(lidar, `does not decode: ${(e as Error).message}`);
    }
    for (const [cameraName, path] of Object.entries(frame.imagePaths)) {
      await checkSize(src, path, limits.maxImageBytes, "image");
      const size = imageSizeFromHeader(await read(path), path);
      const camera = camerasAt(i).find((c) => c.name === cameraName);
      if (!camera)
        throw new ImportError(path, `is an image of camera ${cameraName}, which has no calibration`);
      // Reported, not refused: a format that keeps one calibration per sequence (KITTI tracking)
      // can hold frames whose images differ; the projection uses the intrinsics, not this size.
      if (size.imageWidthPx !== camera.imageWidthPx || size.imageHeightPx !== camera.imageHeightPx)
        warnings.push(
          `${path}: image is ${size.imageWidthPx}×${size.imageHeightPx} px, but camera ${cameraName} is ` +
            `${camera.imageWidthPx}×${camera.imageHeightPx} px`,
        );
    }
    onProgress({ phase: "validating", done: i + 1, total });
  }
  return { warnings, sha256 };
}

async function checkSize(src: SourceFolder, rel: string, max: number, what: string): Promise<void> {
  const s = await stat(src.abs(rel)).catch(() => null);
  if (!s?.isFile()) throw new ImportError(rel, "missing");
  if (s.size === 0) throw new ImportError(rel, "empty file (0 bytes)");
  if (s.size > max)
    throw new ImportError(
      rel,
      `${s.size} bytes: larger than the ${max}-byte limit for one ${what} (refused)`,
    );
}
