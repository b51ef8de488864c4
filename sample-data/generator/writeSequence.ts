import { PNG } from "pngjs";
import type { BoxLabel } from "../../core/formats/BoxLabel";
import { kittiCalibFromCamera, serializeKittiCalib } from "../../core/formats/kittiCalib";
import {
  kittiFromBoxLabel,
  serializeKittiTrackingLabels,
  type KittiLabel,
} from "../../core/formats/kittiLabels";
import { oxtsFromWorldFromLidarPoses, serializeKittiOxts } from "../../core/formats/kittiOxts";
import { serializeSustechCalib, serializeSustechLabels } from "../../core/formats/sustechLabels";
import { transformPoint } from "../../core/geometry/pose";
import type { CameraSensor } from "../../core/model/CameraSensor";
import { DEFAULT_CLASSES } from "../../core/model/defaultClasses";
import {
  NATIVE_FORMAT,
  NATIVE_FORMAT_VERSION,
  type NativeCuboid,
  type NativeFrame,
  type NativeSequenceManifest,
  nativeSequenceManifestSchema,
} from "../../core/model/NativeSequenceManifest";
import type { Track } from "../../core/model/Track";
import type { PointCloud } from "../../core/pointcloud/PointCloud";
import { encodeKittiBin } from "../../workers/encode/encodeKittiBin";
import { encodePcd } from "../../workers/encode/encodePcd";
import jpeg from "jpeg-js";
import type { Generator, RenderedFrame } from "./createGenerator";
import { must } from "../../core/model/must";

/** Receives one output file, path relative to the layout's root ("/"-separated). */
export type FileSink = (relativePath: string, bytes: Uint8Array) => void;

export interface SequenceOutputs {
  /** The project's native layout (sequence.json, lidar/, camera/). */
  native?: FileSink;
  /** SUSTechPOINTS scene layout (lidar/, camera/, calib/camera/, label/), rectified images. */
  sustech?: FileSink;
  /** KITTI tracking layout, sequence 0000 (training/velodyne, image_02, calib, label_02, oxts), rectified front camera. */
  kitti?: FileSink;
  /** When > 0: also `merged.pcd` in the native root, the first N sweeps in world coordinates. */
  mergeSweeps?: number;
}

const utf8 = (text: string) => new TextEncoder().encode(text);
const KITTI_SEQUENCE = "0000";
const OCCLUDED_CODE: Record<string, number> = { none: 0, partial: 1, heavy: 2 };

const boxLabelOf = (c: NativeCuboid): BoxLabel => ({
  trackId: c.trackId,
  className: c.className,
  centerM: c.centerM,
  size: c.size,
  yawRad: c.yawRad,
  pitchRad: 0,
  rollRad: 0,
  attributes: { occluded: OCCLUDED_CODE[String(c.attributes.occlusion)] ?? 3 },
});

const pinholeOf = (camera: CameraSensor): CameraSensor => ({ ...camera, distortion: { model: "none" } });

function encodeJpeg(rgba: Uint8Array, camera: CameraSensor, quality: number): Uint8Array {
  const out = jpeg.encode({ data: rgba, width: camera.imageWidthPx, height: camera.imageHeightPx }, quality);
  return new Uint8Array(out.data.buffer, out.data.byteOffset, out.data.byteLength);
}

function encodePng(rgba: Uint8Array, camera: CameraSensor): Uint8Array {
  const png = new PNG({ width: camera.imageWidthPx, height: camera.imageHeightPx });
  png.data = Buffer.from(rgba.buffer, rgba.byteOffset, rgba.byteLength);
  return new Uint8Array(PNG.sync.write(png));
}

/** The sequence.json the generator writes for these frames (tracks: every actor labelled at least once). */
export function buildManifest(
  generator: Generator,
  frames: NativeFrame[],
  cuboids: NativeCuboid[],
): NativeSequenceManifest {
  const seen = new Set(cuboids.map((c) => c.trackId));
  const tracks: Track[] = generator.scene.actors
    .filter((a) => seen.has(a.trackId))
    .map((a) => ({ trackId: a.trackId, className: a.className, attributes: {} }));
  const manifest: NativeSequenceManifest = {
    format: NATIVE_FORMAT,
    formatVersion: NATIVE_FORMAT_VERSION,
    name: generator.options.name,
    lidarName: "lidar",
    cameras: generator.cameras,
    classes: DEFAULT_CLASSES,
    frames,
    tracks,
    cuboids,
  };
  // Validate what we write against the importer's schema: a generator bug fails here, not in the app.
  nativeSequenceManifestSchema.parse(manifest);
  return manifest;
}

export const serializeManifest = (m: NativeSequenceManifest): Uint8Array => utf8(`${JSON.stringify(m)}\n`);

/** The native frame record (paths and pose) for a rendered or labelled frame. */
export function nativeFrameOf(
  generator: Generator,
  f: { name: string; timestampUs: number; worldFromLidar: NativeFrame["worldFromLidar"] },
): NativeFrame {
  return {
    name: f.name,
    timestampUs: f.timestampUs,
    worldFromLidar: f.worldFromLidar,
    lidarPath: `lidar/${f.name}.pcd`,
    imagePaths: Object.fromEntries(generator.cameras.map((c) => [c.name, `camera/${c.name}/${f.name}.jpg`])),
  };
}

/** The native layout's files of one frame: the PCD and one JPEG per camera. */
export function nativeFrameFiles(frame: RenderedFrame): { path: string; bytes: Uint8Array }[] {
  return [
    { path: `lidar/${frame.name}.pcd`, bytes: encodePcd(frame.cloud, "binary") },
    ...frame.images.map((img) => ({ path: `camera/${img.camera}/${frame.name}.jpg`, bytes: img.jpeg })),
  ];
}

/**
 * Renders every frame once and writes it to each requested layout, frame by frame (memory stays
 * one frame deep), then the per-sequence files. Returns the native manifest.
 */
export function writeSequence(
  generator: Generator,
  outputs: SequenceOutputs,
  onFrame?: (index: number) => void,
): NativeSequenceManifest {
  const frames: NativeFrame[] = [];
  const cuboids: NativeCuboid[] = [];
  const kittiLabels: KittiLabel[] = [];
  const front = must(generator.cameras[0], "a front camera");
  const kittiCalib = kittiCalibFromCamera(pinholeOf(front));
  const quality = generator.options.jpegQuality;
  const mergeSweeps = outputs.mergeSweeps ?? 0;
  const merged: { cloud: PointCloud; frame: RenderedFrame }[] = [];
  const withRectified = outputs.sustech !== undefined || outputs.kitti !== undefined;

  for (let i = 0; i < generator.options.frames; i++) {
    const frame = generator.renderFrame(i, withRectified);
    frames.push(nativeFrameOf(generator, frame));
    cuboids.push(...frame.cuboids);
    const files = nativeFrameFiles(frame);
    const pcd = must(files[0], `the lidar file of ${frame.name}`).bytes;
    if (outputs.native) for (const f of files) outputs.native(f.path, f.bytes);
    const sustech = outputs.sustech;
    if (sustech) {
      sustech(`lidar/${frame.name}.pcd`, pcd);
      frame.images.forEach((img, k) => {
        const camera = must(generator.cameras[k], `camera ${img.camera}`);
        const rectified = must(img.rectifiedRgba, `the rectified image of ${img.camera}`);
        sustech(`camera/${img.camera}/${frame.name}.jpg`, encodeJpeg(rectified, camera, quality));
      });
      sustech(`label/${frame.name}.json`, utf8(serializeSustechLabels(frame.cuboids.map(boxLabelOf))));
    }
    if (outputs.kitti) {
      outputs.kitti(`training/velodyne/${KITTI_SEQUENCE}/${frame.name}.bin`, encodeKittiBin(frame.cloud));
      outputs.kitti(
        `training/image_02/${KITTI_SEQUENCE}/${frame.name}.png`,
        encodePng(must(frame.images[0]?.rectifiedRgba, "the front camera's rectified image"), front),
      );
      for (const c of frame.cuboids) {
        kittiLabels.push({
          ...kittiFromBoxLabel(boxLabelOf(c), kittiCalib, front),
          frame: i,
          trackId: Number(c.trackId),
        });
      }
    }
    if (i < mergeSweeps) merged.push({ cloud: frame.cloud, frame });
    onFrame?.(i);
  }

  const manifest = buildManifest(generator, frames, cuboids);
  outputs.native?.("sequence.json", serializeManifest(manifest));
  if (outputs.sustech) {
    for (const camera of generator.cameras)
      outputs.sustech(`calib/camera/${camera.name}.json`, utf8(serializeSustechCalib(pinholeOf(camera))));
  }
  if (outputs.kitti) {
    outputs.kitti(`training/calib/${KITTI_SEQUENCE}.txt`, utf8(serializeKittiCalib(kittiCalib, "tracking")));
    outputs.kitti(`training/label_02/${KITTI_SEQUENCE}.txt`, utf8(serializeKittiTrackingLabels(kittiLabels)));
    const poses = frames.map((f) => f.worldFromLidar);
    outputs.kitti(
      `training/oxts/${KITTI_SEQUENCE}.txt`,
      utf8(serializeKittiOxts(oxtsFromWorldFromLidarPoses(poses, null))),
    );
  }
  if (mergeSweeps > 0 && outputs.native)
    outputs.native("merged.pcd", encodePcd(mergeWorld(merged), "binary"));
  return manifest;
}

/** Sweeps → one cloud in world coordinates (the road's frame; the ego stays within a few hundred metres of it). */
function mergeWorld(sweeps: { cloud: PointCloud; frame: RenderedFrame }[]): PointCloud {
  const total = sweeps.reduce((n, s) => n + s.cloud.pointCount, 0);
  const positions = new Float32Array(total * 3);
  const intensity = new Float32Array(total);
  let at = 0;
  for (const { cloud, frame } of sweeps) {
    const src = must(cloud.attributes.intensity, `the intensity of sweep ${frame.name}`).values;
    for (let i = 0; i < cloud.pointCount; i++, at++) {
      const p = transformPoint(frame.worldFromLidar, {
        x: cloud.positions[i * 3] ?? NaN,
        y: cloud.positions[i * 3 + 1] ?? NaN,
        z: cloud.positions[i * 3 + 2] ?? NaN,
      });
      positions[at * 3] = p.x;
      positions[at * 3 + 1] = p.y;
      positions[at * 3 + 2] = p.z;
      intensity[at] = src[i] ?? NaN;
    }
  }
  return {
    pointCount: total,
    positions,
    originM: { x: 0, y: 0, z: 0 },
    attributes: { intensity: { values: intensity, components: 1 } },
  };
}
