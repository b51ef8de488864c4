import { describe, expect, it } from "vitest";
import { IDENTITY_POSE } from "../geometry/pose";
import { quatFromYaw } from "../geometry/quat";
import type { CameraSensor } from "../model/CameraSensor";
import { FormatError } from "./FormatError";
import { type OpenLabelInput, toOpenLabel } from "./openLabel";
import { looksLikeOpenLabel, parseOpenLabel } from "./parseOpenLabel";
import { must } from "../model/must";

const camera: CameraSensor = {
  name: "front",
  imageWidthPx: 640,
  imageHeightPx: 480,
  intrinsics: { fxPx: 500, fyPx: 510, cxPx: 320, cyPx: 240, skew: 0 },
  distortion: { model: "brown-conrady", k1: -0.2, k2: 0.05, p1: 0.001, p2: -0.002, k3: 0 },
  cameraFromLidar: { translationM: { x: 0.1, y: -0.2, z: 0.3 }, rotation: quatFromYaw(0.4) },
};
const input: OpenLabelInput = {
  name: "tiny",
  lidarName: "lidar",
  cameras: [camera],
  frames: [0, 1].map((i) => ({
    index: i,
    name: `00000${i}`,
    timestampUs: 1_600_000_000_000_000 + i * 100_123,
    worldFromLidar: { translationM: { x: i * 2.5, y: 1, z: 0 }, rotation: quatFromYaw(i * 0.1) },
    lidarUri: `lidar/00000${i}.pcd`,
    imageUris: { front: `camera/front/00000${i}.jpg` },
  })),
  tracks: [{ trackId: "car-1", className: "Car", attributes: { parked: true } }],
  cuboids: [0, 1].map((i) => ({
    trackId: "car-1",
    className: i === 0 ? "Car" : "Van",
    centerM: { x: 10 + i, y: -2, z: 0.8 },
    size: { lengthM: 4.2, widthM: 1.8, heightM: 1.5 },
    yawRad: 0.3,
    pitchRad: 0.02,
    rollRad: -0.01,
    attributes: { occluded: 1 },
    frameIndex: i,
    provenance: "human" as const,
  })),
};
// biome-ignore lint/suspicious/noExplicitAny: the cases below spoil arbitrary places of the JSON.
type Doc = { openlabel: Record<string, any> };
const doc = () => JSON.parse(JSON.stringify(toOpenLabel(input))) as Doc;
const parse = (d: unknown) => parseOpenLabel(JSON.stringify(d), "scene.json");
const refusal = (d: unknown) => {
  try {
    parse(d);
  } catch (e) {
    expect(e).toBeInstanceOf(FormatError);
    return (e as FormatError).message;
  }
  throw new Error("accepted");
};

describe("parseOpenLabel", () => {
  it("reads back what toOpenLabel writes: frames, times, poses, camera, tracks, boxes with class and provenance", () => {
    const back = parse(doc());
    expect(back.warnings).toEqual([]);
    expect(back.frames.map((f) => [f.name, f.timestampUs, f.lidarUri, f.imageUris])).toEqual(
      input.frames.map((f) => [f.name, f.timestampUs, f.lidarUri, f.imageUris]),
    );
    expect(back.frames[1]?.worldFromLidar.translationM).toEqual({ x: 2.5, y: 1, z: 0 });
    expect(back.cameras[0]?.intrinsics).toEqual(camera.intrinsics);
    expect(back.cameras[0]?.distortion).toEqual(camera.distortion);
    expect(back.cameras[0]?.cameraFromLidar.translationM.x).toBeCloseTo(0.1, 12);
    expect(back.tracks).toEqual(input.tracks);
    expect(back.cuboids.map((c) => [c.className, c.provenance, c.attributes])).toEqual([
      ["Car", "human", { occluded: 1 }],
      ["Van", "human", { occluded: 1 }],
    ]);
    expect(back.cuboids[1]?.yawRad).toBeCloseTo(0.3, 12);
    expect(back.cuboids[1]?.pitchRad).toBeCloseTo(0.02, 12);
    expect(back.cuboids[1]?.rollRad).toBeCloseTo(-0.01, 12);
  });

  it("is told by its first bytes, not its name", () => {
    expect(looksLikeOpenLabel(' \n{ "openlabel" : {')).toBe(true);
    expect(looksLikeOpenLabel('{"metadata": {}, "openlabel": {}}')).toBe(false);
  });

  it("reads boxes in the world system and the 9-value Euler form (ZYX)", () => {
    const d = doc();
    const box = d.openlabel.frames["1"].objects["0"].object_data.cuboid[0];
    // Frame 1's lidar is at x = 2.5 in the world, turned by 0.1 rad: a world box at the lidar's
    // origin with yaw 0.1 is the lidar-frame box at 0 with yaw 0.
    box.coordinate_system = "world";
    box.val = [2.5, 1, 0, 0, 0, 0.1, 4, 2, 1.5];
    const c = must(parse(d).cuboids[1], "second cuboid");
    expect(Math.hypot(c.centerM.x, c.centerM.y, c.centerM.z)).toBeLessThan(1e-12);
    expect(c.yawRad).toBeCloseTo(0, 12);
    expect(c.size).toEqual({ lengthM: 4, widthM: 2, heightM: 1.5 });
  });

  it("refuses bad documents naming the place and the reason", () => {
    const cases: Array<[string, (d: Doc) => void, RegExp]> = [
      [
        "no lidar uri",
        (d) => delete d.openlabel.frames["0"].frame_properties.streams.lidar.uri,
        /frames\.0\.frame_properties\.streams\.lidar\.uri: missing/,
      ],
      [
        "two lidars",
        (d) => (d.openlabel.streams.roof = { type: "lidar" }),
        /2 lidar streams \(lidar, roof\)/,
      ],
      [
        "bad quaternion",
        (d) => (d.openlabel.frames["0"].objects["0"].object_data.cuboid[0].val[6] = 3),
        /cuboid\[0\]\.val: the quaternion is not a unit one/,
      ],
      [
        "negative size",
        (d) => (d.openlabel.frames["0"].objects["0"].object_data.cuboid[0].val[8] = -1),
        /sizes must be positive/,
      ],
      [
        "unknown object",
        (d) => (d.openlabel.frames["0"].objects["7"] = d.openlabel.frames["0"].objects["0"]),
        /frames\.0\.objects\.7: object 7 is not in openlabel\.objects/,
      ],
      [
        "other system",
        (d) => (d.openlabel.frames["0"].objects["0"].object_data.cuboid[0].coordinate_system = "front"),
        /"front": boxes are read in the lidar/,
      ],
      ["version 2", (d) => (d.openlabel.metadata.schema_version = "2.0.0"), /only OpenLABEL 1\.x/],
      [
        "euler transform",
        (d) =>
          (d.openlabel.coordinate_systems.front.pose_wrt_parent = {
            euler_angles: [0, 0, 0],
            translation: [0, 0, 0],
            sequence: "ZYX",
          }),
        /coordinate_systems\.front\.pose_wrt_parent: only quaternion/,
      ],
      [
        "bad distortion",
        (d) =>
          (d.openlabel.streams.front.stream_properties.intrinsics_pinhole.distortion_coeffs = [
            1, 2, 3, 4, 5, 6,
          ]),
        /distortion_coeffs: expected 4, 5 or 8/,
      ],
      [
        "duplicate box",
        (d) =>
          d.openlabel.frames["0"].objects["0"].object_data.cuboid.push(
            d.openlabel.frames["0"].objects["0"].object_data.cuboid[0],
          ),
        /2 cuboids: one box per object and frame/,
      ],
    ];
    for (const [what, spoil, message] of cases) {
      const d = doc();
      spoil(d);
      expect(refusal(d), what).toMatch(message);
      expect(refusal(d), what).toMatch(/^scene\.json /);
    }
    expect(() => parseOpenLabel("{", "x.json")).toThrow(/x\.json: not valid JSON/);
  });

  it("reports a camera it cannot use instead of dropping it silently; a matrix4x4 pose reads as the quaternion one", () => {
    const d = doc();
    d.openlabel.streams.side = { type: "camera", stream_properties: { intrinsics_fisheye: {} } };
    d.openlabel.coordinate_systems.lidar.pose_wrt_parent = {
      matrix4x4: [1, 0, 0, 5, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1],
    };
    delete d.openlabel.frames["0"].frame_properties.transforms;
    const back = parse(d);
    expect(back.warnings).toEqual([
      expect.stringMatching(/camera stream side has no intrinsics_pinhole, left out/),
    ]);
    expect(back.frames[0]?.worldFromLidar).toEqual({ ...IDENTITY_POSE, translationM: { x: 5, y: 0, z: 0 } });
  });
});
