import type { BoxLabel } from "../../core/formats/BoxLabel";
import { parseSustechLabels, readSustechCalib } from "../../core/formats/sustechLabels";
import { parseSustechLidarPose } from "../../core/formats/sustechLidarPose";
import { IDENTITY_POSE, type Pose3 } from "../../core/geometry/pose";
import type { CameraSensor } from "../../core/model/CameraSensor";
import { imageSizeFromHeader } from "./imageSizeFromHeader";
import { ImportError } from "./ImportError";
import type { ParsedFrame, ParsedSequence } from "./ParsedSequence";
import { type SourceFolder, stem } from "./sourceFolder";
import { tracksFromBoxes } from "./tracksFromBoxes";

/** SUSTechPOINTS scenes are numbered at 10 Hz; frame "000965" is at 96.5 s. */
const FRAME_PERIOD_US = 100_000;

/**
 * A SUSTechPOINTS scene: lidar/<frame>.pcd, camera/<cam>/<frame>.jpg, calib/camera/<cam>.json,
 * label/<frame>.json, and lidar_pose/<frame>.json when the scene has ego motion. A camera without
 * calibration or without any image is left out (its image size is unknown); a label for a frame
 * without a lidar file is an error, and so is a lidar_pose/ folder that misses a frame.
 */
export async function readSustechScene(src: SourceFolder, name: string): Promise<ParsedSequence> {
  const lidarFiles = (await src.list("lidar")).filter((f) => f.endsWith(".pcd"));
  if (lidarFiles.length === 0) throw new ImportError("lidar/", "no .pcd files");
  const cameraNames = (await src.list("calib/camera")).filter((f) => f.endsWith(".json")).map(stem);
  const poses = await readLidarPoses(src, lidarFiles.map(stem));
  const frames: ParsedFrame[] = [];
  for (const [i, f] of lidarFiles.entries()) {
    const frameName = stem(f);
    const imagePaths: Record<string, string> = {};
    for (const cam of cameraNames) {
      for (const ext of ["jpg", "jpeg", "png"]) {
        const p = `camera/${cam}/${frameName}.${ext}`;
        if (await src.exists(p)) {
          imagePaths[cam] = p;
          break;
        }
      }
    }
    const n = Number(frameName);
    frames.push({
      name: frameName,
      timestampUs: Number.isInteger(n) ? n * FRAME_PERIOD_US : i * FRAME_PERIOD_US,
      worldFromLidar: poses?.get(frameName) ?? IDENTITY_POSE,
      lidarPath: `lidar/${f}`,
      lidarFormat: "pcd",
      imagePaths,
    });
  }
  const cameras: CameraSensor[] = [];
  const warnings: string[] = [];
  for (const cam of cameraNames) {
    const file = `calib/camera/${cam}.json`;
    const firstImage = frames.find((fr) => fr.imagePaths[cam])?.imagePaths[cam];
    // Parsed even without images: a broken calibration is refused, not skipped.
    const size = firstImage
      ? imageSizeFromHeader(await src.readBytes(firstImage), firstImage)
      : { imageWidthPx: 1, imageHeightPx: 1 };
    const { camera, unknownKeys } = readSustechCalib(await src.readText(file), file, cam, size);
    if (unknownKeys.length > 0)
      warnings.push(`${file}: keys not understood, ignored: ${unknownKeys.join(", ")}`);
    if (firstImage) cameras.push(camera);
    else warnings.push(`${file}: camera ${cam} has no images (camera/${cam}/<frame>.jpg), left out`);
  }
  for (const fr of frames)
    for (const cam of Object.keys(fr.imagePaths))
      if (!cameras.some((c) => c.name === cam)) delete fr.imagePaths[cam];

  const frameIndex = new Map(frames.map((fr, i) => [fr.name, i]));
  const boxes: Array<BoxLabel & { frameIndex: number }> = [];
  for (const f of (await src.list("label")).filter((x) => x.endsWith(".json"))) {
    const file = `label/${f}`;
    const index = frameIndex.get(stem(f));
    if (index === undefined)
      throw new ImportError(file, `labels frame ${stem(f)}, but there is no lidar/${stem(f)}.pcd`);
    const seen = new Set<string>();
    for (const b of parseSustechLabels(await src.readText(file), file)) {
      if (seen.has(b.trackId)) throw new ImportError(file, `obj_id ${b.trackId} appears twice in one frame`);
      seen.add(b.trackId);
      boxes.push({ ...b, frameIndex: index });
    }
  }
  return {
    layout: "sustech",
    name,
    lidarName: "lidar",
    cameras,
    frames,
    tracks: tracksFromBoxes(boxes),
    boxes,
    warnings,
  };
}

/**
 * The scene's lidar poses, or null when it has no lidar_pose/ folder (a static scene). All or
 * nothing: a pose for a frame without a sweep, or a sweep without a pose, refuses the import.
 */
async function readLidarPoses(src: SourceFolder, frameNames: string[]): Promise<Map<string, Pose3> | null> {
  const files = (await src.list("lidar_pose")).filter((f) => f.endsWith(".json"));
  if (files.length === 0) return null;
  const names = new Set(frameNames);
  const poses = new Map<string, Pose3>();
  for (const f of files) {
    const file = `lidar_pose/${f}`;
    if (!names.has(stem(f)))
      throw new ImportError(file, `a pose for frame ${stem(f)}, but there is no lidar/${stem(f)}.pcd`);
    poses.set(stem(f), parseSustechLidarPose(await src.readText(file), file));
  }
  const missing = frameNames.find((n) => !poses.has(n));
  if (missing !== undefined)
    throw new ImportError(
      `lidar_pose/${missing}.json`,
      "missing: every frame needs a pose once lidar_pose/ exists",
    );
  return poses;
}
