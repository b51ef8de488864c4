import type { PredictedBox } from "../prelabel/PredictionRun";
import { FormatError } from "./FormatError";
import { parseKittiPredictions } from "./kittiPredictions";
import { parseNativePredictions } from "./nativePredictions";
import { parseNuscenesPredictions } from "./nuscenesPredictions";
import type { PredictionFile, PredictionFormat, PredictionTargetFrame } from "./PredictionFile";

/** A JSON array is the native format, a JSON object with `results` nuScenes, anything else KITTI text. */
export function detectPredictionFormat(file: PredictionFile): PredictionFormat {
  const start = file.text.trimStart()[0];
  if (start === "[") return "native";
  if (start === "{") return "nuscenes";
  return "kitti";
}

/**
 * Reads uploaded prediction files into predicted boxes in each frame's lidar coordinates. JSON
 * formats take one file; KITTI takes one tracking file or one object file a frame. Throws
 * FormatError naming the file, the place and the reason.
 */
export function readPredictionFiles(
  files: readonly PredictionFile[],
  format: PredictionFormat | "auto",
  frames: readonly PredictionTargetFrame[],
): PredictedBox[] {
  const [first] = files;
  if (first === undefined) throw new FormatError("predictions", "", "no file given");
  const kind = format === "auto" ? detectPredictionFormat(first) : format;
  for (const f of files.slice(1))
    if (kind !== "kitti" || (format === "auto" && detectPredictionFormat(f) !== "kitti"))
      throw new FormatError(f.name, "", `a ${kind} import takes one file; only KITTI takes one file a frame`);
  if (kind === "native") return parseNativePredictions(first.text, first.name);
  if (kind === "nuscenes") return parseNuscenesPredictions(first.text, first.name, frames);
  return parseKittiPredictions(files, frames);
}
