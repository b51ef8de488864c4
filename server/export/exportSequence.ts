import { boxLabelOf } from "../../core/formats/BoxLabel";
import {
  type KittiCalib,
  kittiCalibFromCamera,
  lidarFromImu,
  parseKittiCalib,
  serializeKittiCalib,
} from "../../core/formats/kittiCalib";
import {
  type KittiLabel,
  kittiFromBoxLabel,
  serializeKittiObjectLabels,
  serializeKittiTrackingLabels,
} from "../../core/formats/kittiLabels";
import { oxtsFromWorldFromLidarPoses, serializeKittiOxts } from "../../core/formats/kittiOxts";
import { serializeSustechCalib, serializeSustechLabels } from "../../core/formats/sustechLabels";
import { serializeSustechLidarPose } from "../../core/formats/sustechLidarPose";
import { isIdentityPose } from "../../core/geometry/pose";
import { quatFromRotationMatrix } from "../../core/geometry/quat";
import type { CameraSensor } from "../../core/model/CameraSensor";
import type { Cuboid } from "../../core/model/Cuboid";
import { imageExtension } from "../import/imageSizeFromHeader";
import { JobInputError } from "../jobs/JobInputError";
import { blobBytes, put } from "./exportFiles";
import type { ExportFormat } from "../../core/api/exportFormats";
import { exportNative } from "./exportNative";
import { exportTables } from "./exportTables";
import { pcdFromKittiBin } from "./pcdFromKittiBin";
import type { ServerDeps } from "../ServerDeps";
import { getStoredSequence, type StoredSequence, withRecordedPoses } from "../store/getSequenceDetail";
import { readAnnotations } from "../store/readAnnotations";
import { must } from "../../core/model/must";
import { isPendingPrediction } from "../../core/prelabel/isPendingPrediction";

export { EXPORT_FORMATS, type ExportFormat } from "../../core/api/exportFormats";

/**
 * Frames written so far, for a job's progress bar; called after each frame. A returned promise is
 * awaited, and its rejection (a cancelled job) stops the export there.
 */
export type ExportProgress = (done: number, total: number) => unknown;

export interface ExportResult {
  sequenceId: string;
  format: ExportFormat;
  frames: number;
  cuboids: number;
  /** Things the format could not hold, e.g. a PCD sweep in a KITTI export (KITTI wants .bin). */
  skipped: string[];
  /** A model's pre-labels nobody accepted, corrected or rejected: left out of a delivery format. */
  uncheckedPredictions: number;
}

/** The sequence cannot be exported as asked: a retry would fail the same way (no automatic one). */
export class ExportError extends JobInputError {
  override readonly name = "ExportError";
}

/**
 * A camera for KITTI files of a sequence that has none: KITTI's own axes (camera z = lidar x,
 * x = −lidar y, y = −lidar z) and a KITTI-like 1242×375 image, so labels still mean something.
 */
const CANONICAL_CAMERA: CameraSensor = {
  name: "image_2",
  imageWidthPx: 1242,
  imageHeightPx: 375,
  intrinsics: { fxPx: 721.5377, fyPx: 721.5377, cxPx: 609.5593, cyPx: 172.854, skew: 0 },
  distortion: { model: "none" },
  cameraFromLidar: {
    translationM: { x: 0, y: 0, z: 0 },
    rotation: quatFromRotationMatrix([0, -1, 0, 0, 0, -1, 1, 0, 0]),
  },
};

/** The KITTI calibration for a frame: the one it was imported with, else one made from its camera. */
function kittiCalibOf(seq: StoredSequence, frameIndex: number): KittiCalib {
  const meta = seq.sourceMeta[frameIndex];
  if (meta?.kittiCalib) return parseKittiCalib(meta.kittiCalib, `frame ${frameIndex} calibration`);
  const camera = meta?.cameras?.[0] ?? seq.detail.cameras[0] ?? CANONICAL_CAMERA;
  return kittiCalibFromCamera(camera);
}

function imageSizeOf(seq: StoredSequence, frameIndex: number) {
  return seq.sourceMeta[frameIndex]?.cameras?.[0] ?? seq.detail.cameras[0] ?? CANONICAL_CAMERA;
}

/**
 * Writes a sequence's current annotations, sweeps, images and calibration in a dataset layout:
 * `sustech` (a SUSTechPOINTS scene), `kitti-tracking` (sequence 0000, one calibration: the first
 * frame's), `kitti-object` (one calibration per frame), `openlabel` / `nuscenes` (exportTables.ts)
 * or `native` (exportNative.ts: everything, labels with provenance).
 */
export async function exportSequence(
  deps: ServerDeps,
  sequenceId: string,
  format: ExportFormat,
  outDir: string,
  onProgress: ExportProgress = () => {},
): Promise<ExportResult> {
  const found = await getStoredSequence(deps.store, sequenceId);
  if (!found) throw new ExportError(`sequence ${sequenceId} does not exist`);
  // A delivery carries the poses the recording had, never the lidar estimate the tool works with.
  const seq = withRecordedPoses(found);
  const stored = await readAnnotations(deps.store, sequenceId);
  if (!stored) throw new ExportError(`sequence ${sequenceId} has no annotations record`);
  const frames = seq.detail.frames;
  if (format === "native") return exportNative(deps, seq, stored, outDir, onProgress);
  // A delivery holds what people checked: a model's pre-label nobody accepted, corrected or rejected
  // stays out (a pre-label run stores every box it finds, down to score 0). The native export keeps
  // them, with their provenance and score.
  const unchecked = stored.cuboids.filter(isPendingPrediction).length;
  const snapshot = { ...stored, cuboids: stored.cuboids.filter((c) => !isPendingPrediction(c)) };
  const skipped: string[] =
    unchecked > 0
      ? [`${unchecked} unchecked pre-label${unchecked === 1 ? "" : "s"} (a model's boxes nobody accepted)`]
      : [];
  if (format === "openlabel" || format === "nuscenes") {
    const result = await exportTables(deps, seq, snapshot, format, outDir, onProgress);
    return { ...result, skipped: [...skipped, ...result.skipped], uncheckedPredictions: unchecked };
  }
  const byFrame = frames.map(() => [] as Cuboid[]);
  for (const c of snapshot.cuboids) byFrame[c.frameIndex]?.push(c);

  if (format === "sustech") {
    // A static scene (every pose the identity) keeps SUSTechPOINTS' plain layout.
    const moving = frames.some((f) => !isIdentityPose(f.worldFromLidar));
    for (const cam of seq.detail.cameras)
      await put(outDir, `calib/camera/${cam.name}.json`, serializeSustechCalib(cam));
    for (const f of frames) {
      await put(
        outDir,
        `label/${f.name}.json`,
        serializeSustechLabels((byFrame[f.index] ?? []).map(boxLabelOf)),
      );
      if (moving) await put(outDir, `lidar_pose/${f.name}.json`, serializeSustechLidarPose(f.worldFromLidar));
      const lidar = await blobBytes(deps, f.lidarBlob);
      if (f.lidarFormat === "pcd") await put(outDir, `lidar/${f.name}.pcd`, lidar);
      else if (f.lidarFormat === "kitti-bin")
        await put(outDir, `lidar/${f.name}.pcd`, pcdFromKittiBin(lidar));
      else skipped.push(`frame ${f.name}: ${f.lidarFormat} sweep (SUSTechPOINTS wants PCD)`);
      for (const [cam, hash] of Object.entries(f.imageBlobs)) {
        const img = await blobBytes(deps, hash);
        await put(outDir, `camera/${cam}/${f.name}.${imageExtension(img)}`, img);
      }
      await onProgress(f.index + 1, frames.length);
    }
  } else {
    const tracking = format === "kitti-tracking";
    const seqCalib = kittiCalibOf(seq, 0);
    const trackNumbers = kittiTrackNumbers(snapshot.tracks.map((t) => t.trackId));
    const trackingLabels: KittiLabel[] = [];
    for (const f of frames) {
      const calib = tracking ? seqCalib : kittiCalibOf(seq, f.index);
      const frameFile = tracking ? String(f.index).padStart(6, "0") : f.name;
      const labels = (byFrame[f.index] ?? []).map((c) => ({
        ...kittiFromBoxLabel(boxLabelOf(c), calib, imageSizeOf(seq, f.index)),
        ...(tracking
          ? { frame: f.index, trackId: must(trackNumbers.get(c.trackId), `number of ${c.trackId}`) }
          : {}),
      }));
      if (tracking) trackingLabels.push(...labels);
      else {
        await put(outDir, `label_2/${frameFile}.txt`, serializeKittiObjectLabels(labels));
        await put(outDir, `calib/${frameFile}.txt`, serializeKittiCalib(calib, "object"));
      }
      const velodyne = tracking ? `velodyne/0000/${frameFile}.bin` : `velodyne/${frameFile}.bin`;
      if (f.lidarFormat === "kitti-bin") await put(outDir, velodyne, await blobBytes(deps, f.lidarBlob));
      else skipped.push(`frame ${f.name}: ${f.lidarFormat} sweep (KITTI wants velodyne .bin)`);
      const image = f.imageBlobs[seq.detail.cameras[0]?.name ?? ""];
      if (image) {
        const img = await blobBytes(deps, image);
        await put(
          outDir,
          `${tracking ? "image_02/0000" : "image_2"}/${frameFile}.${imageExtension(img)}`,
          img,
        );
      }
      await onProgress(f.index + 1, frames.length);
    }
    if (tracking) {
      await put(outDir, "label_02/0000.txt", serializeKittiTrackingLabels(trackingLabels));
      await put(outDir, "calib/0000.txt", serializeKittiCalib(seqCalib, "tracking"));
      const oxts = oxtsFromWorldFromLidarPoses(
        frames.map((f) => f.worldFromLidar),
        lidarFromImu(seqCalib),
      );
      await put(outDir, "oxts/0000.txt", serializeKittiOxts(oxts));
    }
  }
  return {
    sequenceId,
    format,
    frames: frames.length,
    cuboids: snapshot.cuboids.length,
    skipped,
    uncheckedPredictions: unchecked,
  };
}

/** KITTI track ids are integers: numeric ids are kept, others numbered after the largest. */
function kittiTrackNumbers(trackIds: readonly string[]): Map<string, number> {
  const out = new Map<string, number>();
  let next = 0;
  for (const id of trackIds) if (/^\d+$/.test(id)) next = Math.max(next, Number(id) + 1);
  for (const id of trackIds) out.set(id, /^\d+$/.test(id) ? Number(id) : next++);
  return out;
}
