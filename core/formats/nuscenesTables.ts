import { composePoses, type Pose3 } from "../geometry/pose";
import { quatFromEulerZYX } from "../geometry/quat";
import type { Frame } from "../model/Frame";
import type { Track } from "../model/Track";
import type { BoxLabel } from "./BoxLabel";
import { must } from "../model/must";

/**
 * nuScenes-style tables (the JSON files of a nuScenes `v1.0-*` folder) for one sequence, and a
 * detection-results file. As in nuScenes: `translation` in metres, `rotation` a quaternion
 * [w, x, y, z], `size` [width, length, height], every sample_annotation in the global frame,
 * timestamps in microseconds. The lidar is the ego frame here (calibrated_sensor is identity), so
 * global = worldFromLidar of the frame; a sequence without ego poses gets identity poses, which
 * the scene's description says. parseNuscenesTables.ts reads the tables back into this type.
 */
export type NuscenesBox = BoxLabel & { frameIndex: number };
export interface NuscenesInput {
  name: string;
  lidarName: string;
  frames: ReadonlyArray<Pick<Frame, "index" | "name" | "timestampUs" | "worldFromLidar">>;
  tracks: readonly Track[];
  cuboids: readonly NuscenesBox[];
  /** Relative path of each frame's sweep in the export ("samples/LIDAR_TOP/…"). */
  lidarFileOf: (frameIndex: number) => string;
}

/** Stable tokens: nuScenes uses 32 hex characters; ours are readable and unique per table. */
const token = (...parts: Array<string | number>) => parts.join("_");

const isIdentity = (p: Pose3) =>
  p.translationM.x === 0 && p.translationM.y === 0 && p.translationM.z === 0 && p.rotation.w === 1;

/** The token of a neighbour (previous or next record), or "" at either end. */
const neighbourToken = <T>(neighbour: T | undefined, tokenOf: (n: T) => string): string =>
  neighbour === undefined ? "" : tokenOf(neighbour);

export function toNuscenesTables(input: NuscenesInput) {
  const sceneToken = token("scene", input.name);
  const logToken = token("log", input.name);
  const sensorToken = token("sensor", input.lidarName);
  const calibToken = token("calibrated_sensor", input.lidarName);
  const posesKnown = !input.frames.every((f) => isIdentity(f.worldFromLidar));
  const sampleToken = (i: number) => token("sample", i);
  const frames = [...input.frames].sort((a, b) => a.index - b.index);

  const sample = frames.map((f, i) => ({
    token: sampleToken(f.index),
    timestamp: f.timestampUs,
    prev: neighbourToken(frames[i - 1], (g) => sampleToken(g.index)),
    next: neighbourToken(frames[i + 1], (g) => sampleToken(g.index)),
    scene_token: sceneToken,
  }));
  const ego_pose = frames.map((f) => ({
    token: token("ego_pose", f.index),
    timestamp: f.timestampUs,
    rotation: [
      f.worldFromLidar.rotation.w,
      f.worldFromLidar.rotation.x,
      f.worldFromLidar.rotation.y,
      f.worldFromLidar.rotation.z,
    ],
    translation: [
      f.worldFromLidar.translationM.x,
      f.worldFromLidar.translationM.y,
      f.worldFromLidar.translationM.z,
    ],
  }));
  const sample_data = frames.map((f, i) => ({
    token: token("sample_data", f.index),
    sample_token: sampleToken(f.index),
    ego_pose_token: token("ego_pose", f.index),
    calibrated_sensor_token: calibToken,
    timestamp: f.timestampUs,
    fileformat: input.lidarFileOf(f.index).split(".").pop() ?? "",
    is_key_frame: true,
    height: 0,
    width: 0,
    filename: input.lidarFileOf(f.index),
    prev: neighbourToken(frames[i - 1], (g) => token("sample_data", g.index)),
    next: neighbourToken(frames[i + 1], (g) => token("sample_data", g.index)),
  }));

  const byFrame = new Map(input.frames.map((f) => [f.index, f]));
  const sorted = [...input.cuboids].sort(
    (a, b) => a.frameIndex - b.frameIndex || (a.trackId < b.trackId ? -1 : 1),
  );
  const annToken = (c: NuscenesBox) => token("ann", c.frameIndex, c.trackId);
  const byTrack = new Map<string, NuscenesBox[]>();
  const cuboidsAt = new Map<number, NuscenesBox[]>();
  /** A cuboid's place in its track, for prev/next (indexOf would make this quadratic). */
  const placeInTrack = new Map<NuscenesBox, number>();
  for (const c of sorted) {
    const track = byTrack.get(c.trackId) ?? [];
    placeInTrack.set(c, track.length);
    track.push(c);
    byTrack.set(c.trackId, track);
    const frame = cuboidsAt.get(c.frameIndex) ?? [];
    frame.push(c);
    cuboidsAt.set(c.frameIndex, frame);
  }
  const globalBox = (c: NuscenesBox) => {
    const frame = must(byFrame.get(c.frameIndex), `frame ${c.frameIndex} of a cuboid of ${c.trackId}`);
    const worldFromBox = composePoses(frame.worldFromLidar, {
      translationM: c.centerM,
      rotation: quatFromEulerZYX(c.yawRad, c.pitchRad, c.rollRad),
    });
    const t = worldFromBox.translationM;
    const q = worldFromBox.rotation;
    return {
      translation: [t.x, t.y, t.z],
      size: [c.size.widthM, c.size.lengthM, c.size.heightM],
      rotation: [q.w, q.x, q.y, q.z],
    };
  };
  const sample_annotation = sorted.map((c) => {
    const list = byTrack.get(c.trackId) ?? [];
    const k = placeInTrack.get(c) ?? 0;
    return {
      token: annToken(c),
      sample_token: sampleToken(c.frameIndex),
      instance_token: token("instance", c.trackId),
      visibility_token: "",
      attribute_tokens: [],
      ...globalBox(c),
      prev: neighbourToken(list[k - 1], annToken),
      next: neighbourToken(list[k + 1], annToken),
      num_lidar_pts: 0,
      num_radar_pts: 0,
    };
  });
  const classes = [
    ...new Set([...input.tracks.map((t) => t.className), ...input.cuboids.map((c) => c.className)]),
  ];
  const category = classes.map((name) => ({ token: token("category", name), name, description: "" }));
  const instance = input.tracks.flatMap((t) => {
    const list = byTrack.get(t.trackId) ?? [];
    const [first, last] = [list[0], list.at(-1)];
    if (!first || !last) return [];
    return [
      {
        token: token("instance", t.trackId),
        category_token: token("category", t.className),
        nbr_annotations: list.length,
        first_annotation_token: annToken(first),
        last_annotation_token: annToken(last),
      },
    ];
  });
  const description = posesKnown
    ? "global frame = the sequence's world frame (ego poses from the source)"
    : "the source has no ego poses: identity poses, so the global frame is the lidar frame of every sample";
  const tables = {
    scene: [
      {
        token: sceneToken,
        name: input.name,
        description,
        log_token: logToken,
        nbr_samples: sample.length,
        first_sample_token: sample[0]?.token ?? "",
        last_sample_token: sample.at(-1)?.token ?? "",
      },
    ],
    log: [{ token: logToken, logfile: input.name, vehicle: "", date_captured: "", location: "" }],
    sensor: [{ token: sensorToken, channel: "LIDAR_TOP", modality: "lidar" }],
    calibrated_sensor: [
      {
        token: calibToken,
        sensor_token: sensorToken,
        translation: [0, 0, 0],
        rotation: [1, 0, 0, 0],
        camera_intrinsic: [],
      },
    ],
    sample,
    sample_data,
    ego_pose,
    category,
    attribute: [],
    visibility: [],
    instance,
    sample_annotation,
    map: [],
  };
  const detections = {
    meta: { use_camera: false, use_lidar: true, use_radar: false, use_map: false, use_external: false },
    results: Object.fromEntries(
      frames.map((f) => [
        sampleToken(f.index),
        (cuboidsAt.get(f.index) ?? []).map((c) => ({
          sample_token: sampleToken(f.index),
          ...globalBox(c),
          velocity: [0, 0],
          detection_name: c.className,
          detection_score: 1,
          attribute_name: "",
          tracking_id: c.trackId,
        })),
      ]),
    ),
  };
  return { tables, detections, posesKnown };
}
