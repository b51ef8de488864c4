import { composePoses, invertPose, type Pose3 } from "../geometry/pose";
import { quatNormalize } from "../geometry/quat";
import type { Track } from "../model/Track";
import { yawPitchRollFromQuat } from "./eulerXyz";
import { FormatError } from "./FormatError";
import type { NuscenesBox, NuscenesInput } from "./nuscenesTables";
import { must } from "../model/must";

/** The tables a sequence is read from; `attribute` is optional. */
export const NUSCENES_TABLES = [
  "scene",
  "sample",
  "sample_data",
  "ego_pose",
  "calibrated_sensor",
  "sensor",
  "instance",
  "category",
  "sample_annotation",
] as const;
export type NuscenesTableName = (typeof NUSCENES_TABLES)[number] | "attribute";

type Row = Record<string, unknown>;
const isNumbers = (v: unknown, n: number): v is number[] =>
  Array.isArray(v) && v.length === n && v.every((x) => typeof x === "number" && Number.isFinite(x));

/** "samples/LIDAR_TOP/n015…__1533151603547590.pcd.bin" → "n015…__1533151603547590" */
export const nuscenesFrameName = (filename: string): string =>
  (filename.split("/").pop() ?? filename).replace(/(\.pcd)?\.[^.]*$/, "");

/**
 * One scene of nuScenes-style tables (as toNuscenesTables writes them, or a nuScenes v1.0 folder
 * with one scene) read back: its key frames in `next` order, each frame's lidar sweep (the one
 * lidar channel's key-frame sample_data), boxes converted from the global frame into that lidar's
 * frame through its ego pose and calibrated sensor (lidarFromGlobal = (globalFromEgo ·
 * egoFromLidar)⁻¹), track id = instance token, class = category name, attributes = the names of
 * its attribute tokens (true). The world is the first frame's lidar frame (global coordinates are
 * kilometres off; float32 in the viewer would lose millimetres). Times are sample_data timestamps
 * (µs). Camera channels are reported in `warnings`, not read. `file(table)` names a table's file
 * in errors.
 */
export function parseNuscenesTables(
  tables: Record<NuscenesTableName, readonly unknown[]>,
  file: (table: NuscenesTableName) => string,
): NuscenesInput & { warnings: string[] } {
  function fail(table: NuscenesTableName, place: string, reason: string): never {
    throw new FormatError(file(table), place, reason);
  }
  const byToken = (table: NuscenesTableName) => {
    const map = new Map<string, Row>();
    for (const [i, r] of (tables[table] ?? []).entries()) {
      if (typeof r !== "object" || r === null || typeof (r as Row).token !== "string")
        fail(table, `[${i}]`, "a row needs a token");
      const row = r as Row;
      if (map.has(row.token as string)) fail(table, `[${i}]`, `token ${row.token} appears twice`);
      map.set(row.token as string, row);
    }
    return map;
  };
  const ref = (
    table: NuscenesTableName,
    map: Map<string, Row>,
    token: unknown,
    from: NuscenesTableName,
    place: string,
  ) => map.get(String(token)) ?? fail(from, place, `${table} token ${String(token)} does not exist`);
  const poseOf = (row: Row, table: NuscenesTableName, place: string): Pose3 => {
    if (!isNumbers(row.rotation, 4))
      fail(table, `${place}.rotation`, "expected 4 finite numbers [w, x, y, z]");
    if (!isNumbers(row.translation, 3)) fail(table, `${place}.translation`, "expected 3 finite numbers");
    const [w, x, y, z] = row.rotation as number[] as [number, number, number, number];
    if (Math.abs(Math.hypot(w, x, y, z) - 1) > 1e-3)
      fail(table, `${place}.rotation`, "not a unit quaternion");
    const [tx, ty, tz] = row.translation as number[] as [number, number, number];
    return { rotation: quatNormalize({ w, x, y, z }), translationM: { x: tx, y: ty, z: tz } };
  };

  const scenes = tables.scene ?? [];
  if (scenes.length !== 1)
    fail("scene", "", `${scenes.length} scenes: a sequence is one scene (split the tables per scene)`);
  const scene = scenes[0] as Row;
  const samples = byToken("sample");
  const sensors = byToken("sensor");
  const calibrated = byToken("calibrated_sensor");
  const egoPoses = byToken("ego_pose");
  const instances = byToken("instance");
  const categories = byToken("category");
  const attributes = byToken("attribute");
  const warnings: string[] = [];

  const lidarSensors = [...sensors.values()].filter((s) => s.modality === "lidar");
  const lidarSensor = lidarSensors[0];
  if (lidarSensors.length !== 1 || lidarSensor === undefined)
    fail(
      "sensor",
      "",
      `${lidarSensors.length} lidar sensors (${lidarSensors.map((s) => s.channel).join(", ")}): one lidar per sequence`,
    );
  const cameraChannels = [...sensors.values()]
    .filter((s) => s.modality === "camera")
    .map((s) => String(s.channel));
  if (cameraChannels.length)
    warnings.push(`${file("sensor")}: camera channels ${cameraChannels.join(", ")} are not read, left out`);

  /** sample token → its lidar key-frame sample_data row and that row's place. */
  const sweepOf = new Map<string, { row: Row; place: string }>();
  for (const [i, r] of (tables.sample_data ?? []).entries()) {
    const row = r as Row;
    const place = `[${i}]`;
    const calib = ref("calibrated_sensor", calibrated, row.calibrated_sensor_token, "sample_data", place);
    if (calib.sensor_token !== lidarSensor.token || row.is_key_frame !== true) continue;
    const sample = String(row.sample_token);
    if (sweepOf.has(sample)) fail("sample_data", place, `a second lidar key frame for sample ${sample}`);
    sweepOf.set(sample, { row, place });
  }

  const frames: NuscenesInput["frames"][number][] = [];
  const lidarFiles: string[] = [];
  const indexOf = new Map<string, number>();
  const globalFromLidar: Pose3[] = [];
  for (let token = String(scene.first_sample_token ?? ""); token !== ""; ) {
    const sample = ref("sample", samples, token, "scene", "[0].first_sample_token (or a sample's next)");
    if (indexOf.has(token)) fail("sample", `token ${token}`, "the next chain loops");
    const sweep = sweepOf.get(token) ?? fail("sample_data", "", `sample ${token} has no lidar key frame`);
    const { row, place } = sweep;
    if (typeof row.filename !== "string" || row.filename === "")
      fail("sample_data", `${place}.filename`, "missing");
    if (typeof row.timestamp !== "number" || !Number.isFinite(row.timestamp))
      fail("sample_data", `${place}.timestamp`, "not a number of microseconds");
    const ego = ref("ego_pose", egoPoses, row.ego_pose_token, "sample_data", `${place}.ego_pose_token`);
    const calib = ref("calibrated_sensor", calibrated, row.calibrated_sensor_token, "sample_data", place);
    const globalFromThisLidar = composePoses(
      poseOf(ego, "ego_pose", `token ${ego.token}`),
      poseOf(calib, "calibrated_sensor", `token ${calib.token}`),
    );
    globalFromLidar.push(globalFromThisLidar);
    indexOf.set(token, frames.length);
    lidarFiles.push(row.filename as string);
    frames.push({
      index: frames.length,
      name: nuscenesFrameName(row.filename as string),
      timestampUs: Math.round(row.timestamp as number),
      worldFromLidar: globalFromThisLidar, // made relative to the first frame below, once it is known
    });
    token = String(sample.next ?? "");
  }
  const globalFromFirst = globalFromLidar[0];
  if (globalFromFirst === undefined) fail("scene", "[0].first_sample_token", "the scene has no samples");
  const firstFromGlobal = invertPose(globalFromFirst);
  for (const f of frames) f.worldFromLidar = composePoses(firstFromGlobal, f.worldFromLidar);

  const tracks = new Map<string, Track>();
  const cuboids: NuscenesBox[] = [];
  const seen = new Set<string>();
  for (const [i, r] of (tables.sample_annotation ?? []).entries()) {
    const row = r as Row;
    const place = `[${i}]`;
    const frameIndex = indexOf.get(String(row.sample_token));
    if (frameIndex === undefined)
      fail(
        "sample_annotation",
        `${place}.sample_token`,
        `sample ${row.sample_token} is not a frame of the scene`,
      );
    const instance = ref(
      "instance",
      instances,
      row.instance_token,
      "sample_annotation",
      `${place}.instance_token`,
    );
    const category = ref(
      "category",
      categories,
      instance.category_token,
      "instance",
      `token ${instance.token}`,
    );
    const trackId = String(instance.token);
    const key = `${frameIndex}\0${trackId}`;
    if (seen.has(key)) fail("sample_annotation", place, `instance ${trackId} has two boxes in one sample`);
    seen.add(key);
    if (!isNumbers(row.size, 3) || !(row.size as number[]).every((v) => v > 0))
      fail("sample_annotation", `${place}.size`, "expected 3 positive numbers [width, length, height]");
    const [widthM, lengthM, heightM] = row.size as number[] as [number, number, number];
    const lidarFromBox = composePoses(
      invertPose(must(globalFromLidar[frameIndex], `pose of frame ${frameIndex}`)),
      poseOf(row, "sample_annotation", place),
    );
    const boxAttributes: Record<string, boolean> = {};
    for (const t of Array.isArray(row.attribute_tokens) ? row.attribute_tokens : [])
      boxAttributes[
        String(ref("attribute", attributes, t, "sample_annotation", `${place}.attribute_tokens`).name)
      ] = true;
    const className = String(category.name ?? "");
    if (className === "") fail("category", `token ${category.token}`, "a category needs a name");
    if (!tracks.has(trackId)) tracks.set(trackId, { trackId, className, attributes: {} });
    cuboids.push({
      trackId,
      className,
      centerM: lidarFromBox.translationM,
      size: { lengthM, widthM, heightM },
      ...yawPitchRollFromQuat(lidarFromBox.rotation),
      attributes: boxAttributes,
      frameIndex,
    });
  }
  return {
    name: typeof scene.name === "string" && scene.name !== "" ? scene.name : "nuscenes scene",
    lidarName: String(lidarSensor.channel ?? "lidar"),
    frames,
    tracks: [...tracks.values()],
    cuboids,
    lidarFileOf: (i) => must(lidarFiles[i], `lidar file of frame ${i}`),
    warnings,
  };
}
