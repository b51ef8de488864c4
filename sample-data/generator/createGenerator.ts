import jpeg from "jpeg-js";
import { cuboidCorners, isPointInBox, type OrientedBox } from "../../core/geometry/cuboidCorners";
import { invertPose, type Pose3, transformPoint } from "../../core/geometry/pose";
import { yawOfQuat } from "../../core/geometry/quat";
import type { CameraSensor } from "../../core/model/CameraSensor";
import type { NativeCuboid } from "../../core/model/NativeSequenceManifest";
import type { PointCloud } from "../../core/pointcloud/PointCloud";
import { buildScene, type Scene } from "./buildScene";
import { castLidarSweep } from "./castLidarSweep";
import { createCameraLens, type CameraLens } from "./createCameraLens";
import { createPrng, hashSeed } from "./createPrng";
import { createCameras } from "./createSensorRig";
import { FRAME_INTERVAL_US, type GeneratorOptions, START_TIMESTAMP_US } from "./GeneratorOptions";
import { type PosedScene, poseSceneAt } from "./poseSceneAt";
import { rasterizeView, remapView } from "./rasterizeView";
import { must } from "../../core/model/must";

/** A camera sees a box when at least this many of the box's own pixels show in its image. */
export const MIN_VISIBLE_PIXELS = 12;

export interface CameraImage {
  camera: string;
  /** Distorted image as the camera model says, JPEG. */
  jpeg: Uint8Array;
  /** Per output pixel: actor index + 1 whose surface it shows, 0 for scenery. */
  actorIds: Uint16Array;
  /** Undistorted (pinhole) RGBA image of the same camera, only when asked for (KITTI, SUSTechPOINTS). */
  rectifiedRgba?: Uint8Array;
}

export interface FrameLabels {
  name: string;
  timestampUs: number;
  worldFromLidar: Pose3;
  /** Cuboids without groundTruth: geometry, class, track, attributes (cheap, no rendering). */
  cuboids: NativeCuboid[];
  /** Actor index of each cuboid. */
  actorIndices: number[];
}

export interface RenderedFrame extends FrameLabels {
  cloud: PointCloud;
  images: CameraImage[];
}

export interface Generator {
  options: GeneratorOptions;
  scene: Scene;
  cameras: CameraSensor[];
  frameName(index: number): string;
  labelFrame(index: number): FrameLabels;
  renderFrame(index: number, withRectified?: boolean): RenderedFrame;
}

const round = (v: number, digits: number) => {
  const f = 10 ** digits;
  const r = Math.round(v * f) / f;
  return r === 0 ? 0 : r;
};
const wrapRad = (a: number) => Math.atan2(Math.sin(a), Math.cos(a));

function occlusionOf(visibility: number): string {
  if (visibility >= 0.7) return "none";
  if (visibility >= 0.3) return "partial";
  return "heavy";
}

export function createGenerator(options: GeneratorOptions): Generator {
  const built = buildScene(options.seed);
  const scene =
    options.egoSpeedMps === undefined
      ? built
      : { ...built, ego: { ...built.ego, speedMps: options.egoSpeedMps } };
  const frameIntervalUs = options.frameIntervalUs ?? FRAME_INTERVAL_US;
  const cameras = createCameras({ imageWidthPx: options.imageWidthPx, imageHeightPx: options.imageHeightPx });
  let lenses: CameraLens[] | null = null;
  const frameName = (index: number) => String(index).padStart(6, "0");
  const timeOf = (index: number) => (index * frameIntervalUs) / 1e6;

  function labelPosed(index: number, posed: PosedScene): FrameLabels {
    const lidarFromWorld = invertPose(posed.worldFromLidar);
    const egoYaw = yawOfQuat(posed.worldFromLidar.rotation);
    const name = frameName(index);
    const cuboids: NativeCuboid[] = [];
    const actorIndices: number[] = [];
    for (const state of posed.actors) {
      const c = transformPoint(lidarFromWorld, state.centerWorldM);
      if (Math.hypot(c.x, c.y) > options.lidar.maxRangeM) continue;
      const spec = must(scene.actors[state.actorIndex], `actor ${state.actorIndex}`);
      cuboids.push({
        frameName: name,
        trackId: spec.trackId,
        centerM: { x: round(c.x, 4), y: round(c.y, 4), z: round(c.z, 4) },
        size: { ...spec.size },
        yawRad: round(wrapRad(state.yawWorldRad - egoYaw), 6),
        pitchRad: 0,
        rollRad: 0,
        className: spec.className,
        attributes:
          spec.className === "Pedestrian"
            ? { ...spec.attributes, pose: state.moving ? "walking" : "standing" }
            : { ...spec.attributes },
      });
      actorIndices.push(state.actorIndex);
    }
    const pose = posed.worldFromLidar;
    return {
      name,
      timestampUs: START_TIMESTAMP_US + index * frameIntervalUs,
      worldFromLidar: {
        translationM: {
          x: round(pose.translationM.x, 6),
          y: round(pose.translationM.y, 6),
          z: round(pose.translationM.z, 6),
        },
        rotation: { w: round(pose.rotation.w, 9), x: 0, y: 0, z: round(pose.rotation.z, 9) },
      },
      cuboids,
      actorIndices,
    };
  }

  function renderFrame(index: number, withRectified = false): RenderedFrame {
    const posed = poseSceneAt(scene, timeOf(index));
    const labels = labelPosed(index, posed);
    const prng = createPrng(hashSeed(options.seed, index, 0x1da2));
    const sweep = castLidarSweep(posed, options.lidar, scene.actors.length, prng);
    const cameraLenses = (lenses ??= cameras.map(createCameraLens));
    const images: CameraImage[] = cameras.map((camera, k) => {
      const lens = must(cameraLenses[k], `lens of camera ${camera.name}`);
      const view = rasterizeView(posed, camera, lens.canvas);
      const out = remapView(view, lens.distorted);
      const encoded = jpeg.encode(
        { data: out.rgba, width: camera.imageWidthPx, height: camera.imageHeightPx },
        options.jpegQuality,
      );
      return {
        camera: camera.name,
        jpeg: new Uint8Array(encoded.data.buffer, encoded.data.byteOffset, encoded.data.byteLength),
        actorIds: out.actorIds,
        ...(withRectified ? { rectifiedRgba: remapView(view, lens.rectified).rgba } : {}),
      };
    });

    const pixelCounts = images.map((img) => {
      const counts = new Int32Array(scene.actors.length + 1);
      for (const id of img.actorIds) counts[id] = (counts[id] ?? 0) + 1;
      return counts;
    });
    const cuboids = labels.cuboids.map((cuboid, k) => {
      const actor = must(labels.actorIndices[k], `actor of cuboid ${k}`);
      const through = sweep.throughRays[actor] ?? 0;
      const visibility = through > 0 ? round((sweep.nearestRays[actor] ?? 0) / through, 3) : 0;
      return {
        ...cuboid,
        attributes: { ...cuboid.attributes, occlusion: occlusionOf(visibility) },
        groundTruth: {
          lidarPointCount: countPointsInBox(sweep.positions, sweep.pointCount, cuboid),
          visibility,
          visibleInCameras: images
            .filter((_, c) => (pixelCounts[c]?.[actor + 1] ?? 0) >= MIN_VISIBLE_PIXELS)
            .map((img) => img.camera),
        },
      };
    });
    return {
      ...labels,
      cuboids,
      cloud: {
        pointCount: sweep.pointCount,
        positions: sweep.positions,
        originM: { x: 0, y: 0, z: 0 },
        attributes: { intensity: { values: sweep.intensity, components: 1 } },
      },
      images,
    };
  }

  return {
    options,
    scene,
    cameras,
    frameName,
    labelFrame: (index) => labelPosed(index, poseSceneAt(scene, timeOf(index))),
    renderFrame,
  };
}

/**
 * Points inside the box, by core's isPointInBox on the float32 coordinates that the PCD stores:
 * the same count a reader of the files gets. An axis-aligned bound rejects most points first.
 */
export function countPointsInBox(positions: Float32Array, pointCount: number, box: OrientedBox): number {
  const corners = cuboidCorners(box);
  let minX = Infinity;
  let minY = Infinity;
  let minZ = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  let maxZ = -Infinity;
  for (const c of corners) {
    minX = Math.min(minX, c.x);
    minY = Math.min(minY, c.y);
    minZ = Math.min(minZ, c.z);
    maxX = Math.max(maxX, c.x);
    maxY = Math.max(maxY, c.y);
    maxZ = Math.max(maxZ, c.z);
  }
  let count = 0;
  for (let i = 0; i < pointCount; i++) {
    const x = positions[i * 3] ?? NaN;
    const y = positions[i * 3 + 1] ?? NaN;
    const z = positions[i * 3 + 2] ?? NaN;
    if (
      x < minX - 1e-6 ||
      x > maxX + 1e-6 ||
      y < minY - 1e-6 ||
      y > maxY + 1e-6 ||
      z < minZ - 1e-6 ||
      z > maxZ + 1e-6
    )
      continue;
    if (isPointInBox({ x, y, z }, box)) count++;
  }
  return count;
}
