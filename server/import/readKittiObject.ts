import type { BoxLabel } from "../../core/formats/BoxLabel";
import { kittiCameraSensor, parseKittiCalib } from "../../core/formats/kittiCalib";
import { boxLabelFromKitti, parseKittiObjectLabels } from "../../core/formats/kittiLabels";
import { IDENTITY_POSE } from "../../core/geometry/pose";
import type { CameraSensor } from "../../core/model/CameraSensor";
import { imageSizeFromHeader } from "./imageSizeFromHeader";
import { ImportError } from "./ImportError";
import type { ParsedFrame, ParsedSequence } from "./ParsedSequence";
import { type SourceFolder, stem } from "./sourceFolder";
import { tracksFromBoxes } from "./tracksFromBoxes";

export const KITTI_CAMERA = "image_2";
const FRAME_PERIOD_US = 100_000;

/**
 * KITTI object: velodyne/<f>.bin, calib/<f>.txt (required per frame), label_2/<f>.txt,
 * image_2/<f>.png. Frames are unrelated scenes, each with its own calibration: the sequence's
 * camera is the first frame's, and a frame whose calibration differs carries its own
 * (FrameDetail.cameras). Every box is its own track ("<frame>.<line>"); DontCare rows are dropped.
 */
export async function readKittiObject(src: SourceFolder, name: string): Promise<ParsedSequence> {
  const bins = (await src.list("velodyne")).filter((f) => f.endsWith(".bin"));
  if (bins.length === 0) throw new ImportError("velodyne/", "no .bin files");
  const frames: ParsedFrame[] = [];
  const boxes: Array<BoxLabel & { frameIndex: number }> = [];
  let sequenceCamera: CameraSensor | undefined;
  const names = new Set(bins.map(stem));
  for (const f of (await src.list("label_2")).filter((x) => x.endsWith(".txt")))
    if (!names.has(stem(f)))
      throw new ImportError(
        `label_2/${f}`,
        `labels frame ${stem(f)}, but there is no velodyne/${stem(f)}.bin`,
      );

  for (const [i, bin] of bins.entries()) {
    const frameName = stem(bin);
    const calibFile = `calib/${frameName}.txt`;
    if (!(await src.exists(calibFile)))
      throw new ImportError(calibFile, "missing: every KITTI object frame needs its calibration");
    const calibText = await src.readText(calibFile);
    const calib = parseKittiCalib(calibText, calibFile);
    const imagePath = `image_2/${frameName}.png`;
    const imagePaths: Record<string, string> = {};
    let camera: CameraSensor | undefined;
    if (await src.exists(imagePath)) {
      imagePaths[KITTI_CAMERA] = imagePath;
      camera = kittiCameraSensor(
        calib,
        KITTI_CAMERA,
        imageSizeFromHeader(await src.readBytes(imagePath), imagePath),
      );
      sequenceCamera ??= camera;
    }
    const differs = camera && sequenceCamera && JSON.stringify(camera) !== JSON.stringify(sequenceCamera);
    frames.push({
      name: frameName,
      timestampUs: i * FRAME_PERIOD_US,
      worldFromLidar: IDENTITY_POSE,
      lidarPath: `velodyne/${bin}`,
      lidarFormat: "kitti-bin",
      imagePaths,
      sourceMeta: { kittiCalib: calibText, ...(camera && differs ? { cameras: [camera] } : {}) },
    });
    const labelFile = `label_2/${frameName}.txt`;
    if (!(await src.exists(labelFile))) continue;
    const labels = parseKittiObjectLabels(await src.readText(labelFile), labelFile);
    labels.forEach((l, line) => {
      if (l.type !== "DontCare")
        boxes.push({ ...boxLabelFromKitti(l, calib, `${frameName}.${line}`), frameIndex: i });
    });
  }
  return {
    layout: "kitti-object",
    name,
    lidarName: "velodyne",
    cameras: sequenceCamera ? [sequenceCamera] : [],
    frames,
    tracks: tracksFromBoxes(boxes),
    boxes,
    warnings: [],
  };
}
