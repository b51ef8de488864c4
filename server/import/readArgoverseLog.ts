import {
  ARGOVERSE_LABELS_DIR,
  ARGOVERSE_LIDAR_DIR,
  ARGOVERSE_POSES_DIR,
  argoverseSweeps,
  parseArgoverseLabels,
  parseArgoversePose,
} from "../../core/formats/argoverseLog";
import type { BoxLabel } from "../../core/formats/BoxLabel";
import { composePoses, invertPose, type Pose3 } from "../../core/geometry/pose";
import type { ParsedFrame, ParsedSequence } from "./ParsedSequence";
import type { SourceFolder } from "./sourceFolder";
import { tracksFromBoxes } from "./tracksFromBoxes";
import { must } from "../../core/model/must";

/**
 * An Argoverse 1 log folder (core/formats/argoverseLog.ts): PLY sweeps in the ego frame, one
 * city pose and one amodal label file per sweep, times from the file names. The world is the
 * first sweep's ego frame (city coordinates are kilometres off: float32 in the viewer would lose
 * centimetres). Cameras are left out: the layout's images are not part of a log folder we read.
 */
export async function readArgoverseLog(src: SourceFolder, name: string): Promise<ParsedSequence> {
  const sweeps = argoverseSweeps(
    await src.list(ARGOVERSE_LIDAR_DIR),
    await src.list(ARGOVERSE_POSES_DIR),
    await src.list(ARGOVERSE_LABELS_DIR),
  );
  const cityPoses: Pose3[] = [];
  for (const s of sweeps) cityPoses.push(parseArgoversePose(await src.readText(s.posePath), s.posePath));
  const firstFromCity = invertPose(must(cityPoses[0], `a first sweep in ${ARGOVERSE_LIDAR_DIR}`));
  const frames: ParsedFrame[] = sweeps.map((s, i) => ({
    name: s.name,
    timestampUs: s.timestampUs,
    worldFromLidar: composePoses(firstFromCity, must(cityPoses[i], `the pose of ${s.name}`)),
    lidarPath: s.lidarPath,
    lidarFormat: "ply",
    imagePaths: {},
  }));
  const boxes: Array<BoxLabel & { frameIndex: number }> = [];
  for (const [i, s] of sweeps.entries()) {
    if (s.labelPath === null) continue;
    for (const b of parseArgoverseLabels(await src.readText(s.labelPath), s.labelPath))
      boxes.push({ ...b, frameIndex: i });
  }
  return {
    layout: "argoverse",
    name,
    lidarName: "lidar",
    cameras: [],
    frames,
    tracks: tracksFromBoxes(boxes),
    warnings: [],
    boxes,
  };
}
