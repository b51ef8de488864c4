import type { PredictedBox } from "../prelabel/PredictionRun";
import { FormatError } from "./FormatError";
import {
  boxLabelFromKitti,
  type KittiLabel,
  parseKittiObjectLabels,
  parseKittiTrackingLabels,
} from "./kittiLabels";
import type { PredictionFile, PredictionTargetFrame } from "./PredictionFile";

/** Fields of a KITTI object row with a score; a tracking row has frame and track id in front. */
const OBJECT_FIELDS_WITH_SCORE = 16;
const TRACKING_FIELDS_WITH_SCORE = 18;

const stem = (name: string) => (name.split("/").pop() ?? name).replace(/\.[^.]*$/, "");

/**
 * KITTI-format predictions (camera frame → lidar through each frame's calibration):
 * - object style: one `<frame>.txt` a frame, 16 fields a row (the 15 label fields + score); the
 *   file's name is the frame's name; each box is a track of its own;
 * - tracking style: one file, 18 fields a row (`frame track_id` + 15 + score); `frame` is matched to
 *   the frame whose name is that number.
 * Every row needs the score column; DontCare rows are skipped.
 */
export function parseKittiPredictions(
  files: readonly PredictionFile[],
  frames: readonly PredictionTargetFrame[],
): PredictedBox[] {
  const out: PredictedBox[] = [];
  for (const file of files) {
    const firstRow = file.text.split(/\r?\n/).find((l) => l.trim() !== "");
    if (!firstRow) continue;
    const fieldCount = firstRow.trim().split(/\s+/).length;
    const tracking =
      fieldCount === TRACKING_FIELDS_WITH_SCORE || fieldCount === TRACKING_FIELDS_WITH_SCORE - 1;
    const labels = tracking
      ? parseKittiTrackingLabels(file.text, file.name)
      : parseKittiObjectLabels(file.text, file.name);
    const lines = file.text.split(/\r?\n/).flatMap((l, i) => (l.trim() === "" ? [] : [i + 1]));
    labels.forEach((l: KittiLabel, k) => {
      const place = `line ${lines[k]}`;
      if (l.type === "DontCare") return;
      if (l.score === undefined)
        throw new FormatError(
          file.name,
          place,
          `no score column: predictions need ${tracking ? TRACKING_FIELDS_WITH_SCORE : OBJECT_FIELDS_WITH_SCORE} fields`,
        );
      if (!(l.score >= 0 && l.score <= 1))
        throw new FormatError(file.name, place, `score ${l.score} is not in 0..1`);
      const frame = tracking
        ? frames.find((f) => /^\d+$/.test(f.name) && Number(f.name) === l.frame)
        : frames.find((f) => f.name === stem(file.name));
      if (!frame)
        throw new FormatError(
          file.name,
          place,
          tracking
            ? `frame ${l.frame} is not a frame of this sequence`
            : `"${stem(file.name)}" is not a frame of this sequence (name each file after its frame)`,
        );
      if (!frame.kittiCalib)
        throw new FormatError(
          file.name,
          place,
          `frame ${frame.name} has no camera calibration to bring camera boxes into lidar`,
        );
      const trackId = tracking ? l.trackId : `${frame.name}#${k}`;
      if (trackId === undefined) throw new FormatError(file.name, place, "no track id column");
      const box = boxLabelFromKitti(l, frame.kittiCalib, "");
      out.push({
        frame: frame.name,
        trackId,
        class: l.type,
        score: l.score,
        center: [box.centerM.x, box.centerM.y, box.centerM.z],
        size: [box.size.lengthM, box.size.widthM, box.size.heightM],
        yaw: box.yawRad,
      });
    });
  }
  return out;
}
