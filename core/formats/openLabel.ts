import { invertPose, type Pose3 } from "../geometry/pose";
import { quatFromEulerZYX } from "../geometry/quat";
import type { CameraSensor } from "../model/CameraSensor";
import type { Frame } from "../model/Frame";
import type { Provenance } from "../model/Provenance";
import type { Track } from "../model/Track";
import type { BoxLabel } from "./BoxLabel";
import { calibCoefficientsOf } from "./distortionFromCalib";
import { must } from "../model/must";

/**
 * ASAM OpenLABEL 1.0.0 JSON (schema: openlabel_json_schema-v1.0.0.json). Layout written here:
 * - coordinate_systems: "world" (scene_cs, the sequence's world), "<lidar>" (sensor_cs, child of
 *   world; its pose per frame in frame_properties.transforms) and one sensor_cs per camera, child
 *   of the lidar, with pose_wrt_parent = lidarFromCamera;
 * - streams: the lidar, and each camera with intrinsics_pinhole (K as 3×4, OpenCV distortion);
 * - objects: one per track, keyed "0", "1", … with name = track id, type = class;
 * - frames: keyed by frame index, timestamp in seconds, the file of each stream in
 *   frame_properties.streams.<stream>.uri, each object's cuboid
 *   val = [x, y, z, qx, qy, qz, qw, sx, sy, sz] in the lidar coordinate system (sx = length
 *   along the heading, sy = width, sz = height), its class and provenance as text attributes.
 * parseOpenLabel.ts reads this back (and other writers' files) into the same type.
 */
export interface OpenLabelFrame extends Pick<Frame, "index" | "name" | "timestampUs" | "worldFromLidar"> {
  /** The frame's point-cloud file, relative to the folder holding the JSON. */
  lidarUri: string;
  /** Camera name → the frame's image file. */
  imageUris: Readonly<Record<string, string>>;
}
export type OpenLabelCuboid = BoxLabel & { frameIndex: number; provenance?: Provenance };
export interface OpenLabelInput {
  name: string;
  lidarName: string;
  cameras: readonly CameraSensor[];
  frames: readonly OpenLabelFrame[];
  tracks: readonly Track[];
  cuboids: readonly OpenLabelCuboid[];
}

const transformData = (p: Pose3) => ({
  quaternion: [p.rotation.x, p.rotation.y, p.rotation.z, p.rotation.w],
  translation: [p.translationM.x, p.translationM.y, p.translationM.z],
});

type AttributeValue = string | number | boolean;
function attributesOf(values: Record<string, AttributeValue>, extra: Record<string, string> = {}) {
  const text: Array<{ name: string; val: string }> = [];
  const num: Array<{ name: string; val: number }> = [];
  const boolean: Array<{ name: string; val: boolean }> = [];
  for (const [name, val] of Object.entries({ ...values, ...extra })) {
    if (typeof val === "string") text.push({ name, val });
    else if (typeof val === "number") num.push({ name, val });
    else boolean.push({ name, val });
  }
  return {
    ...(text.length ? { text } : {}),
    ...(num.length ? { num } : {}),
    ...(boolean.length ? { boolean } : {}),
  };
}

function cameraStream(c: CameraSensor) {
  const k = c.intrinsics;
  const { coefficients, model } = calibCoefficientsOf(c.distortion);
  // The schema wants 5 to 14 coefficients: none is five zeros; Brown–Conrady gives 5 or 8.
  const padded = coefficients.length === 0 ? [0, 0, 0, 0, 0] : coefficients;
  return {
    type: "camera" as const,
    uri: `camera/${c.name}`,
    stream_properties: {
      intrinsics_pinhole: {
        width_px: c.imageWidthPx,
        height_px: c.imageHeightPx,
        camera_matrix: [k.fxPx, k.skew, k.cxPx, 0, 0, k.fyPx, k.cyPx, 0, 0, 0, 1, 0],
        ...(model === "equidistant"
          ? {
              distortion_model: "kannala-brandt",
              lens_coeffs: coefficients,
              distortion_coeffs: [0, 0, 0, 0, 0],
            }
          : { distortion_coeffs: padded }),
      },
    },
  };
}

export function toOpenLabel(input: OpenLabelInput): unknown {
  const lidar = input.lidarName;
  const trackUid = new Map(input.tracks.map((t, i) => [t.trackId, String(i)]));
  const framesOf = new Map<string, number[]>();
  for (const c of input.cuboids) {
    const list = framesOf.get(c.trackId) ?? [];
    list.push(c.frameIndex);
    framesOf.set(c.trackId, list);
  }
  const objects = Object.fromEntries(
    input.tracks.map((t, i) => {
      const frames = [...new Set(framesOf.get(t.trackId) ?? [])].sort((a, b) => a - b);
      const attributes = attributesOf(t.attributes);
      return [
        String(i),
        {
          name: t.trackId,
          type: t.className,
          coordinate_system: lidar,
          ...(frames.length ? { frame_intervals: intervalsOf(frames) } : {}),
          ...(Object.keys(attributes).length
            ? { object_data: { text: attributes.text, num: attributes.num, boolean: attributes.boolean } }
            : {}),
        },
      ];
    }),
  );
  const byFrame = new Map<number, OpenLabelCuboid[]>();
  for (const c of input.cuboids) {
    const list = byFrame.get(c.frameIndex) ?? [];
    list.push(c);
    byFrame.set(c.frameIndex, list);
  }
  const frames = Object.fromEntries(
    input.frames.map((f) => [
      String(f.index),
      {
        frame_properties: {
          timestamp: f.timestampUs / 1e6,
          streams: {
            [lidar]: {
              uri: f.lidarUri,
              stream_properties: { sync: { frame_stream: f.index, timestamp: f.timestampUs / 1e6 } },
            },
            ...Object.fromEntries(Object.entries(f.imageUris).map(([cam, uri]) => [cam, { uri }])),
          },
          transforms: {
            [`${lidar}_to_world`]: {
              src: lidar,
              dst: "world",
              transform_src_to_dst: transformData(f.worldFromLidar),
            },
          },
        },
        objects: Object.fromEntries(
          (byFrame.get(f.index) ?? []).map((c) => {
            const q = quatFromEulerZYX(c.yawRad, c.pitchRad, c.rollRad);
            return [
              must(trackUid.get(c.trackId), `track ${c.trackId} of a cuboid in frame ${f.index}`),
              {
                object_data: {
                  cuboid: [
                    {
                      name: "box3d",
                      coordinate_system: lidar,
                      val: [
                        c.centerM.x,
                        c.centerM.y,
                        c.centerM.z,
                        q.x,
                        q.y,
                        q.z,
                        q.w,
                        c.size.lengthM,
                        c.size.widthM,
                        c.size.heightM,
                      ],
                      attributes: attributesOf(c.attributes, {
                        class: c.className,
                        ...(c.provenance ? { provenance: c.provenance } : {}),
                      }),
                    },
                  ],
                },
              },
            ];
          }),
        ),
      },
    ]),
  );
  const coordinateSystems: Record<string, unknown> = {
    world: { type: "scene_cs", parent: "", children: [lidar] },
    [lidar]: { type: "sensor_cs", parent: "world", children: input.cameras.map((c) => c.name) },
  };
  for (const c of input.cameras)
    coordinateSystems[c.name] = {
      type: "sensor_cs",
      parent: lidar,
      children: [],
      pose_wrt_parent: transformData(invertPose(c.cameraFromLidar)),
    };
  return {
    openlabel: {
      metadata: {
        schema_version: "1.0.0",
        name: input.name,
        annotator: "cuboidal",
        comment: "cuboid val = [x, y, z, qx, qy, qz, qw, length, width, height] in the lidar frame",
      },
      coordinate_systems: coordinateSystems,
      streams: {
        [lidar]: { type: "lidar", uri: lidar },
        ...Object.fromEntries(input.cameras.map((c) => [c.name, cameraStream(c)])),
      },
      ...(input.frames.length
        ? { frame_intervals: [{ frame_start: 0, frame_end: input.frames.length - 1 }] }
        : {}),
      objects,
      frames,
    },
  };
}

/** Sorted frame indices → closed intervals. */
function intervalsOf(sorted: number[]): Array<{ frame_start: number; frame_end: number }> {
  const out: Array<{ frame_start: number; frame_end: number }> = [];
  for (const i of sorted) {
    const last = out.at(-1);
    if (last && last.frame_end === i - 1) last.frame_end = i;
    else out.push({ frame_start: i, frame_end: i });
  }
  return out;
}
