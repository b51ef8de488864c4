import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import type { BoxLabel } from "../../core/formats/BoxLabel";
import type { Pose3 } from "../../core/geometry/pose";
import { quatNormalize, yawOfQuat } from "../../core/geometry/quat";
import { type Scene, type SceneFrame, SceneLoadError } from "./loadScene";
import { readJsonFile } from "./runFitCommand";

/**
 * An Argoverse 1 tracking log folder: `lidar/PC_<ns>.ply` (ego-vehicle frame),
 * `poses/city_SE3_egovehicle_<ns>.json` and `per_sweep_annotations_amodal/tracked_object_labels_<ns>.json`.
 * A small reader for the scripts (QA, evaluation); the server's importer is separate.
 */
export const isArgoverseLog = (dir: string): boolean =>
  existsSync(join(dir, "lidar")) && existsSync(join(dir, "poses"));

const poseFileSchema = z.object({
  rotation: z.tuple([z.number(), z.number(), z.number(), z.number()]),
  translation: z.tuple([z.number(), z.number(), z.number()]),
});

const labelFileSchema = z.array(
  z.object({
    center: z.object({ x: z.number(), y: z.number(), z: z.number() }),
    rotation: z.object({ x: z.number(), y: z.number(), z: z.number(), w: z.number() }),
    length: z.number().positive(),
    width: z.number().positive(),
    height: z.number().positive(),
    track_label_uuid: z.string().min(1),
    label_class: z.string().min(1),
  }),
);

/** Frames in time order; each sweep's labels and points are in its ego frame, the pose maps it to the city frame. */
export function readArgoverseLog(dir: string): Scene {
  const sweeps = readdirSync(join(dir, "lidar"))
    .map((f) => /^PC_(\d+)\.ply$/.exec(f))
    .filter((m): m is RegExpExecArray => m !== null)
    .sort((a, b) => (BigInt(a[1]!) < BigInt(b[1]!) ? -1 : 1));
  if (sweeps.length === 0) throw new SceneLoadError(join(dir, "lidar"), "no PC_<timestamp ns>.ply sweeps");
  const frames = sweeps.map(([file, ns]): SceneFrame => {
    const posePath = join(dir, "poses", `city_SE3_egovehicle_${ns}.json`);
    if (!existsSync(posePath)) throw new SceneLoadError(posePath, "missing (every sweep needs its ego pose)");
    const pose = readJsonFile(posePath, poseFileSchema);
    const [w, x, y, zq] = pose.rotation;
    const worldFromLidar: Pose3 = {
      rotation: quatNormalize({ w, x, y, z: zq }),
      translationM: { x: pose.translation[0], y: pose.translation[1], z: pose.translation[2] },
    };
    const labelPath = join(dir, "per_sweep_annotations_amodal", `tracked_object_labels_${ns}.json`);
    const labels: BoxLabel[] = existsSync(labelPath)
      ? readJsonFile(labelPath, labelFileSchema).map((l) => ({
          trackId: l.track_label_uuid,
          className: l.label_class,
          centerM: l.center,
          size: { lengthM: l.length, widthM: l.width, heightM: l.height },
          yawRad: yawOfQuat(quatNormalize(l.rotation)),
          pitchRad: 0,
          rollRad: 0,
          attributes: {},
        }))
      : [];
    return {
      name: file!.replace(/\.ply$/, ""),
      // Nanoseconds exceed 2^53: drop the last three digits as a string, then convert.
      timestampUs: Number(ns!.slice(0, -3)),
      worldFromLidar,
      lidarPath: join(dir, "lidar", file!),
      labels,
    };
  });
  return { dir, layout: "argoverse", frames, framesAreASequence: true };
}
