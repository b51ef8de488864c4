import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { BoxLabel } from "../../core/formats/BoxLabel";
import { parseKittiCalib } from "../../core/formats/kittiCalib";
import { boxLabelFromKitti, parseKittiObjectLabels } from "../../core/formats/kittiLabels";
import { parseSustechLabels } from "../../core/formats/sustechLabels";
import type { Pose3 } from "../../core/geometry/pose";
import { nativeSequenceManifestSchema } from "../../core/model/NativeSequenceManifest";
import type { PointCloud } from "../../core/pointcloud/PointCloud";
import { decodePointCloud } from "../../workers/decode/decodePointCloud";

/** One frame of a scene on disk, with its ground-truth boxes in its lidar coordinates. */
export interface SceneFrame {
  /** The frame's id in the scene: its lidar file name without extension, e.g. "000965". */
  name: string;
  timestampUs: number | null;
  /** Ego pose when the scene has one (native layout); null otherwise. */
  worldFromLidar: Pose3 | null;
  lidarPath: string;
  labels: BoxLabel[];
}

export type SceneLayout = "sustechpoints" | "kitti-object" | "native";

export interface Scene {
  dir: string;
  layout: SceneLayout;
  /** In time order. */
  frames: SceneFrame[];
  /** Whether trackIds name the same object across frames (false for KITTI object: unrelated frames). */
  framesAreASequence: boolean;
}

export class SceneLoadError extends Error {
  constructor(
    readonly path: string,
    reason: string,
  ) {
    super(`${path}: ${reason}`);
    this.name = "SceneLoadError";
  }
}

/**
 * SUSTechPOINTS records at 10 Hz and its scene folders carry no timestamps; frame ids are frame
 * numbers, so id × 0.1 s is the frame's time (checked: the example's per-point times, 1818.81 s at
 * 000950 and 1820.30 s at 000965, are 1.49 s apart).
 */
const SUSTECH_FRAME_INTERVAL_US = 100_000;

/** Reads the layout, frame list and labels of DIR (SUSTechPOINTS scene, KITTI object training folder, native sequence). */
export function loadScene(dir: string): Scene {
  if (!existsSync(dir)) throw new SceneLoadError(dir, "no such folder (real data lives in ../shared/data)");
  if (existsSync(join(dir, "sequence.json"))) return loadNative(dir);
  if (existsSync(join(dir, "velodyne")) && existsSync(join(dir, "label_2"))) return loadKittiObject(dir);
  if (existsSync(join(dir, "lidar")) && existsSync(join(dir, "label"))) return loadSustech(dir);
  throw new SceneLoadError(
    dir,
    "not a scene: expected sequence.json (native), lidar/ + label/ (SUSTechPOINTS) or velodyne/ + label_2/ (KITTI object)",
  );
}

/** Decodes one frame's lidar sweep. */
export function loadFrameCloud(frame: SceneFrame): PointCloud {
  return decodePointCloud(new Uint8Array(readFileSync(frame.lidarPath)), frame.lidarPath).cloud;
}

const stem = (file: string): string => file.replace(/\.[^.]+$/, "");

function loadSustech(dir: string): Scene {
  const files = readdirSync(join(dir, "lidar"))
    .filter((f) => f.endsWith(".pcd") || f.endsWith(".bin"))
    .sort();
  const frames = files.map((f): SceneFrame => {
    const name = stem(f);
    const labelPath = join(dir, "label", `${name}.json`);
    const n = Number(name);
    return {
      name,
      timestampUs: Number.isInteger(n) ? n * SUSTECH_FRAME_INTERVAL_US : null,
      worldFromLidar: null,
      lidarPath: join(dir, "lidar", f),
      labels: existsSync(labelPath) ? parseSustechLabels(readFileSync(labelPath, "utf8"), labelPath) : [],
    };
  });
  return { dir, layout: "sustechpoints", frames, framesAreASequence: true };
}

function loadKittiObject(dir: string): Scene {
  const files = readdirSync(join(dir, "velodyne"))
    .filter((f) => f.endsWith(".bin"))
    .sort();
  const frames = files.map((f): SceneFrame => {
    const name = stem(f);
    const calibPath = join(dir, "calib", `${name}.txt`);
    const labelPath = join(dir, "label_2", `${name}.txt`);
    if (!existsSync(calibPath))
      throw new SceneLoadError(calibPath, "missing: KITTI labels need the calibration");
    const calib = parseKittiCalib(readFileSync(calibPath, "utf8"), calibPath);
    const labels = existsSync(labelPath)
      ? parseKittiObjectLabels(readFileSync(labelPath, "utf8"), labelPath)
          .filter((l) => l.type !== "DontCare")
          .map((l, i) => boxLabelFromKitti(l, calib, `${name}-${i}`))
      : [];
    return { name, timestampUs: null, worldFromLidar: null, lidarPath: join(dir, "velodyne", f), labels };
  });
  return { dir, layout: "kitti-object", frames, framesAreASequence: false };
}

function loadNative(dir: string): Scene {
  const path = join(dir, "sequence.json");
  const parsed = nativeSequenceManifestSchema.safeParse(JSON.parse(readFileSync(path, "utf8")));
  if (!parsed.success) throw new SceneLoadError(path, parsed.error.issues[0]?.message ?? "invalid manifest");
  const m = parsed.data;
  const frames = m.frames.map(
    (f): SceneFrame => ({
      name: f.name,
      timestampUs: f.timestampUs,
      worldFromLidar: f.worldFromLidar,
      lidarPath: join(dir, f.lidarPath),
      labels: m.cuboids
        .filter((c) => c.frameName === f.name)
        .map((c) => ({
          trackId: c.trackId,
          className: c.className,
          centerM: c.centerM,
          size: c.size,
          yawRad: c.yawRad,
          pitchRad: c.pitchRad,
          rollRad: c.rollRad,
          attributes: c.attributes,
        })),
    }),
  );
  frames.sort((a, b) => (a.timestampUs ?? 0) - (b.timestampUs ?? 0));
  return { dir, layout: "native", frames, framesAreASequence: true };
}
