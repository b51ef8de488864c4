import type { BoxLabel } from "../../core/formats/BoxLabel";
import { kittiCameraSensor, lidarFromImu, parseKittiCalib } from "../../core/formats/kittiCalib";
import { boxLabelFromKitti, parseKittiTrackingLabels } from "../../core/formats/kittiLabels";
import { parseKittiOxts, worldFromLidarPosesFromOxts } from "../../core/formats/kittiOxts";
import { composePoses, IDENTITY_POSE, invertPose } from "../../core/geometry/pose";
import { imageSizeFromHeader } from "./imageSizeFromHeader";
import { ImportError } from "./ImportError";
import { KITTI_CAMERA } from "./readKittiObject";
import type { ParsedFrame, ParsedSequence } from "./ParsedSequence";
import { type SourceFolder, stem } from "./sourceFolder";
import { tracksFromBoxes } from "./tracksFromBoxes";
import { must } from "../../core/model/must";

const FRAME_PERIOD_US = 100_000;

/**
 * KITTI tracking, one sequence: velodyne/<seq>/<frame>.bin, calib/<seq>.txt, label_02/<seq>.txt,
 * oxts/<seq>.txt (poses; identity when absent), image_02/<seq>/<frame>.png. KITTI tracking has
 * no timestamps: frames are 10 Hz. A folder with several sequences needs `sequence` to pick one.
 */
export async function readKittiTracking(
  src: SourceFolder,
  name: string,
  sequence?: string,
): Promise<ParsedSequence> {
  const seqs: string[] = [];
  for (const e of await src.list("velodyne")) if (await src.isDir(`velodyne/${e}`)) seqs.push(e);
  const seq = sequence ?? seqs[0];
  if (seq === undefined) throw new ImportError("velodyne/", "no sequence folder");
  if (!sequence && seqs.length > 1)
    throw new ImportError(
      "velodyne/",
      `holds ${seqs.length} sequences (${seqs.slice(0, 5).join(", ")}…): import one at a time`,
    );
  if (!seqs.includes(seq)) throw new ImportError(`velodyne/${seq}/`, "no such sequence folder");
  const bins = (await src.list(`velodyne/${seq}`)).filter((f) => f.endsWith(".bin"));
  if (bins.length === 0) throw new ImportError(`velodyne/${seq}/`, "no .bin files");
  const calibFile = `calib/${seq}.txt`;
  if (!(await src.exists(calibFile)))
    throw new ImportError(calibFile, "missing: a KITTI tracking sequence needs its calibration");
  const calibText = await src.readText(calibFile);
  const calib = parseKittiCalib(calibText, calibFile);

  const oxtsFile = `oxts/${seq}.txt`;
  const frameNumbers = bins.map((b) => Number(stem(b)));
  const firstNumber = must(frameNumbers[0], "the first frame number");
  const bad = bins.find((b) => !/^\d+$/.test(stem(b)));
  if (bad)
    throw new ImportError(`velodyne/${seq}/${bad}`, "KITTI frame files are named by their frame number");
  let poses = frameNumbers.map(() => IDENTITY_POSE);
  if (await src.exists(oxtsFile)) {
    const records = parseKittiOxts(await src.readText(oxtsFile), oxtsFile);
    const last = Math.max(...frameNumbers);
    if (records.length <= last)
      throw new ImportError(
        oxtsFile,
        `has ${records.length} lines, but frame ${last} needs line ${last + 1}`,
      );
    const all = worldFromLidarPosesFromOxts(records.slice(0, last + 1), lidarFromImu(calib));
    const worldFromFirst = must(all[firstNumber], `the pose of frame ${firstNumber}`);
    // World = the first imported frame's lidar coordinates.
    const firstFromWorld = invertPose(worldFromFirst);
    poses = frameNumbers.map((n) => composePoses(firstFromWorld, must(all[n], `the pose of frame ${n}`)));
  }

  const frames: ParsedFrame[] = [];
  let camera: ParsedSequence["cameras"][number] | undefined;
  for (const [i, bin] of bins.entries()) {
    const frameName = stem(bin);
    const imagePath = `image_02/${seq}/${frameName}.png`;
    const imagePaths: Record<string, string> = {};
    if (await src.exists(imagePath)) {
      imagePaths[KITTI_CAMERA] = imagePath;
      camera ??= kittiCameraSensor(
        calib,
        KITTI_CAMERA,
        imageSizeFromHeader(await src.readBytes(imagePath), imagePath),
      );
    }
    frames.push({
      name: frameName,
      timestampUs: (must(frameNumbers[i], `frame number ${i}`) - firstNumber) * FRAME_PERIOD_US,
      worldFromLidar: must(poses[i], `pose ${i}`),
      lidarPath: `velodyne/${seq}/${bin}`,
      lidarFormat: "kitti-bin",
      imagePaths,
      sourceMeta: { kittiCalib: calibText },
    });
  }

  const byNumber = new Map(frameNumbers.map((n, i) => [n, i]));
  const boxes: Array<BoxLabel & { frameIndex: number }> = [];
  const labelFile = `label_02/${seq}.txt`;
  if (await src.exists(labelFile)) {
    const seen = new Set<string>();
    for (const l of parseKittiTrackingLabels(await src.readText(labelFile), labelFile)) {
      if (l.type === "DontCare" || l.trackId === -1) continue;
      const index = l.frame === undefined ? undefined : byNumber.get(l.frame);
      if (index === undefined)
        throw new ImportError(
          labelFile,
          `labels frame ${l.frame}, but there is no velodyne/${seq}/${String(l.frame).padStart(6, "0")}.bin`,
        );
      const key = `${l.frame}/${l.trackId}`;
      if (seen.has(key))
        throw new ImportError(labelFile, `track ${l.trackId} appears twice in frame ${l.frame}`);
      seen.add(key);
      boxes.push({ ...boxLabelFromKitti(l, calib, String(l.trackId)), frameIndex: index });
    }
  }
  return {
    layout: "kitti-tracking",
    name,
    lidarName: "velodyne",
    cameras: camera ? [camera] : [],
    frames,
    tracks: tracksFromBoxes(boxes),
    boxes,
    warnings: [],
  };
}
