import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { lidarFromImu, parseKittiCalib } from "../../core/formats/kittiCalib";
import {
  boxLabelFromKitti,
  parseKittiObjectLabels,
  parseKittiTrackingLabels,
} from "../../core/formats/kittiLabels";
import { parseKittiOxts, worldFromLidarPosesFromOxts } from "../../core/formats/kittiOxts";
import {
  ARGOVERSE_LABELS_DIR,
  ARGOVERSE_LIDAR_DIR,
  ARGOVERSE_POSES_DIR,
  argoverseSweeps,
  parseArgoverseLabels,
  parseArgoversePose,
} from "../../core/formats/argoverseLog";
import { parseSustechLidarPose } from "../../core/formats/sustechLidarPose";
import { parseSustechLabels } from "../../core/formats/sustechLabels";
import type { Pose3 } from "../../core/geometry/pose";
import { nativeSequenceManifestSchema } from "../../core/model/NativeSequenceManifest";
import type { PointCloud } from "../../core/pointcloud/PointCloud";
import { decodePointCloud } from "../../workers/decode/decodePointCloud";
import { type BoxLabel, boxLabelOf } from "../../core/formats/BoxLabel";
import { must } from "../../core/model/must";

/** One frame of a scene on disk, with its ground-truth boxes in its lidar coordinates. */
export interface SceneFrame {
  /** The frame's id in the scene: its lidar file name without extension, e.g. "000965". */
  name: string;
  timestampUs: number | null;
  /** Ego pose when the scene has one (native, KITTI oxts, SUSTechPOINTS lidar_pose/, Argoverse poses/); null otherwise. */
  worldFromLidar: Pose3 | null;
  lidarPath: string;
  labels: BoxLabel[];
}

export type SceneLayout = "sustechpoints" | "kitti-object" | "kitti-tracking" | "native" | "argoverse";

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

/** KITTI tracking records at 10 Hz and its layout has no timestamps: frame number × 0.1 s. */
const KITTI_FRAME_INTERVAL_US = 100_000;

export interface LoadSceneOptions {
  /** KITTI tracking: which sequence of the folder (default: the first, e.g. "0000"). */
  sequence?: string;
  /**
   * Drop the scene's ego poses (every frame's worldFromLidar null), to measure what the tools do
   * on data that has none: they then estimate ego motion, checked, or work in lidar coordinates.
   */
  withholdPoses?: boolean;
}

/**
 * Reads the layout, frame list and labels of DIR: a native sequence (sequence.json), a
 * SUSTechPOINTS scene (lidar/ + label/), a KITTI object training folder (velodyne/*.bin +
 * label_2/) or a KITTI tracking training folder (velodyne/<seq>/ + label_02/, poses from oxts/).
 */
export function loadScene(dir: string, options: LoadSceneOptions = {}): Scene {
  const scene = loadSceneWithPoses(dir, options);
  if (!options.withholdPoses) return scene;
  return { ...scene, frames: scene.frames.map((f) => ({ ...f, worldFromLidar: null })) };
}

function loadSceneWithPoses(dir: string, options: LoadSceneOptions): Scene {
  if (!existsSync(dir)) throw new SceneLoadError(dir, "no such folder (real data lives in ../shared/data)");
  if (existsSync(join(dir, "sequence.json"))) return loadNative(dir);
  if (existsSync(join(dir, "velodyne")) && existsSync(join(dir, "label_02")))
    return loadKittiTracking(dir, options.sequence);
  if (existsSync(join(dir, "velodyne")) && existsSync(join(dir, "label_2"))) return loadKittiObject(dir);
  if (existsSync(join(dir, ARGOVERSE_LIDAR_DIR)) && existsSync(join(dir, ARGOVERSE_POSES_DIR)))
    return loadArgoverse(dir);
  if (existsSync(join(dir, "lidar")) && existsSync(join(dir, "label"))) return loadSustech(dir);
  throw new SceneLoadError(
    dir,
    "not a scene: expected sequence.json (native), lidar/ + label/ (SUSTechPOINTS), velodyne/ + label_2/ (KITTI object), velodyne/<seq>/ + label_02/ (KITTI tracking) or lidar/ + poses/ (Argoverse 1 log)",
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
    const posePath = join(dir, "lidar_pose", `${name}.json`);
    const n = Number(name);
    return {
      name,
      timestampUs: Number.isInteger(n) ? n * SUSTECH_FRAME_INTERVAL_US : null,
      worldFromLidar: existsSync(posePath)
        ? parseSustechLidarPose(readFileSync(posePath, "utf8"), posePath)
        : null,
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

function loadKittiTracking(dir: string, wanted?: string): Scene {
  const sequences = readdirSync(join(dir, "velodyne"), { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
  const sequence = wanted ?? sequences[0];
  if (!sequence || !sequences.includes(sequence))
    throw new SceneLoadError(
      join(dir, "velodyne"),
      `no sequence "${wanted ?? ""}" (found: ${sequences.join(", ") || "none"})`,
    );
  const calibPath = join(dir, "calib", `${sequence}.txt`);
  if (!existsSync(calibPath))
    throw new SceneLoadError(calibPath, "missing: KITTI labels need the calibration");
  const calib = parseKittiCalib(readFileSync(calibPath, "utf8"), calibPath);
  const labelPath = join(dir, "label_02", `${sequence}.txt`);
  const labels = existsSync(labelPath)
    ? parseKittiTrackingLabels(readFileSync(labelPath, "utf8"), labelPath)
    : [];
  const oxtsPath = join(dir, "oxts", `${sequence}.txt`);
  const poses = existsSync(oxtsPath)
    ? worldFromLidarPosesFromOxts(
        parseKittiOxts(readFileSync(oxtsPath, "utf8"), oxtsPath),
        lidarFromImu(calib),
      )
    : null;
  const files = readdirSync(join(dir, "velodyne", sequence))
    .filter((f) => f.endsWith(".bin"))
    .sort();
  const frames = files.map((f): SceneFrame => {
    const name = stem(f);
    const number = Number(name);
    if (poses && poses[number] === undefined)
      throw new SceneLoadError(oxtsPath, `has ${poses.length} records, none for frame ${name}`);
    return {
      name,
      timestampUs: number * KITTI_FRAME_INTERVAL_US,
      worldFromLidar: poses ? must(poses[number], "poses[number]") : null,
      lidarPath: join(dir, "velodyne", sequence, f),
      labels: labels
        .filter((l) => l.frame === number && l.type !== "DontCare" && (l.trackId ?? -1) >= 0)
        .map((l) => boxLabelFromKitti(l, calib, String(l.trackId))),
    };
  });
  return { dir, layout: "kitti-tracking", frames, framesAreASequence: true };
}

/** An Argoverse 1 log (core/formats/argoverseLog.ts): times from the file names, city poses. */
function loadArgoverse(dir: string): Scene {
  const list = (sub: string) => (existsSync(join(dir, sub)) ? readdirSync(join(dir, sub)).sort() : []);
  const read = (rel: string) => readFileSync(join(dir, rel), "utf8");
  const sweeps = argoverseSweeps(
    list(ARGOVERSE_LIDAR_DIR),
    list(ARGOVERSE_POSES_DIR),
    list(ARGOVERSE_LABELS_DIR),
  );
  const frames = sweeps.map(
    (s): SceneFrame => ({
      name: s.name,
      timestampUs: s.timestampUs,
      worldFromLidar: parseArgoversePose(read(s.posePath), s.posePath),
      lidarPath: join(dir, s.lidarPath),
      labels: s.labelPath === null ? [] : parseArgoverseLabels(read(s.labelPath), s.labelPath),
    }),
  );
  return { dir, layout: "argoverse", frames, framesAreASequence: true };
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
      labels: m.cuboids.filter((c) => c.frameName === f.name).map(boxLabelOf),
    }),
  );
  frames.sort((a, b) => (a.timestampUs ?? 0) - (b.timestampUs ?? 0));
  return { dir, layout: "native", frames, framesAreASequence: true };
}
