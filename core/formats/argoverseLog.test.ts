import { describe, expect, it } from "vitest";
import { quatFromYaw } from "../geometry/quat";
import { argoverseSweeps, parseArgoverseLabels, parseArgoversePose } from "./argoverseLog";
import { FormatError } from "./FormatError";
import { parseSustechLidarPose } from "./sustechLidarPose";

const label = (over: Record<string, unknown> = {}) => ({
  center: { x: 10, y: -2, z: 0.8 },
  rotation: { x: 0, y: 0, z: Math.sin(0.3), w: Math.cos(0.3) },
  length: 4.5,
  width: 1.9,
  height: 1.6,
  track_label_uuid: "a-1",
  label_class: "VEHICLE",
  ...over,
});

describe("Argoverse 1 log", () => {
  it("matches sweeps, poses and labels by their nanosecond stamp, in time order, times in µs", () => {
    const sweeps = argoverseSweeps(
      ["PC_315978406119770000.ply", "PC_315978406019574000.ply", "notes.txt"],
      ["city_SE3_egovehicle_315978406019574000.json", "city_SE3_egovehicle_315978406119770000.json"],
      ["tracked_object_labels_315978406119770000.json"],
    );
    expect(sweeps.map((s) => s.name)).toEqual(["PC_315978406019574000", "PC_315978406119770000"]);
    expect(sweeps.map((s) => s.timestampUs - (sweeps[0]?.timestampUs ?? NaN))).toEqual([0, 100_196]);
    expect(sweeps[0]).toMatchObject({
      lidarPath: "lidar/PC_315978406019574000.ply",
      posePath: "poses/city_SE3_egovehicle_315978406019574000.json",
      labelPath: null,
    });
    expect(sweeps[1]?.labelPath).toBe(
      "per_sweep_annotations_amodal/tracked_object_labels_315978406119770000.json",
    );
  });

  it("refuses a sweep without its pose, a label file without its sweep, and a folder without sweeps", () => {
    expect(() => argoverseSweeps(["PC_1.ply"], [], [])).toThrow(
      /lidar\/PC_1\.ply: no poses\/city_SE3_egovehicle_1\.json/,
    );
    expect(() =>
      argoverseSweeps(["PC_1.ply"], ["city_SE3_egovehicle_1.json"], ["tracked_object_labels_2.json"]),
    ).toThrow(/tracked_object_labels_2\.json: labels a sweep that lidar\/ does not hold/);
    expect(() => argoverseSweeps([], [], [])).toThrow(FormatError);
  });

  it("reads a city pose ([w,x,y,z] quaternion) and refuses a non-unit rotation, naming the file", () => {
    const q = quatFromYaw(1.2);
    const pose = parseArgoversePose(
      JSON.stringify({ rotation: [q.w, q.x, q.y, q.z], translation: [2664.2, 1268.7, 14.8] }),
      "poses/p.json",
    );
    expect(pose.translationM).toEqual({ x: 2664.2, y: 1268.7, z: 14.8 });
    expect(pose.rotation.z).toBeCloseTo(q.z, 12);
    expect(() => parseArgoversePose('{"rotation":[2,0,0,0],"translation":[0,0,0]}', "poses/p.json")).toThrow(
      /poses\/p\.json at \.rotation: rotation is not a unit quaternion/,
    );
    expect(() => parseArgoversePose('{"rotation":[1,0,0]}', "poses/p.json")).toThrow(
      /poses\/p\.json at \.rotation/,
    );
  });

  it("reads amodal labels: yaw from the quaternion, uuid as track, class as written; bad entries named", () => {
    const [b] = parseArgoverseLabels(JSON.stringify([label()]), "l.json");
    expect(b).toMatchObject({
      trackId: "a-1",
      className: "VEHICLE",
      size: { lengthM: 4.5, widthM: 1.9, heightM: 1.6 },
    });
    expect(b?.yawRad).toBeCloseTo(0.6, 12);
    expect(b?.pitchRad).toBeCloseTo(0, 12);
    expect(() => parseArgoverseLabels(JSON.stringify([label(), label({ length: 0 })]), "l.json")).toThrow(
      /l\.json at \[1\]\.length/,
    );
    expect(() => parseArgoverseLabels(JSON.stringify([label(), label()]), "l.json")).toThrow(
      /track a-1 appears twice/,
    );
    expect(() => parseArgoverseLabels("[", "l.json")).toThrow(/l\.json: not valid JSON/);
  });
});

describe("SUSTechPOINTS lidar_pose", () => {
  it("reads the row-major worldFromLidar and refuses a non-rigid last row", () => {
    const m = [0, -1, 0, 5, 1, 0, 0, 6, 0, 0, 1, 7, 0, 0, 0, 1];
    const pose = parseSustechLidarPose(JSON.stringify({ lidarPose: m }), "lidar_pose/000950.json");
    expect(pose.translationM).toEqual({ x: 5, y: 6, z: 7 });
    expect(2 * Math.atan2(pose.rotation.z, pose.rotation.w)).toBeCloseTo(Math.PI / 2, 12);
    expect(() =>
      parseSustechLidarPose(JSON.stringify({ lidarPose: [...m.slice(0, 15), 2] }), "lidar_pose/000950.json"),
    ).toThrow(/lidar_pose\/000950\.json at \.lidarPose: the last row must be 0 0 0 1/);
    expect(() => parseSustechLidarPose('{"pose":[]}', "lidar_pose/x.json")).toThrow(
      /lidar_pose\/x\.json at \.lidarPose/,
    );
  });
});
