import { describe, expect, it } from "vitest";
import { quatFromYaw } from "../geometry/quat";
import { FormatError } from "./FormatError";
import { type NuscenesInput, toNuscenesTables } from "./nuscenesTables";
import { type NuscenesTableName, nuscenesFrameName, parseNuscenesTables } from "./parseNuscenesTables";
import { must } from "../model/must";

const input: NuscenesInput = {
  name: "tiny",
  lidarName: "lidar",
  frames: [0, 1, 2].map((i) => ({
    index: i,
    name: `00000${i}`,
    timestampUs: 1_533_151_603_547_590 + i * 50_000,
    // Kilometres off, as nuScenes global coordinates are.
    worldFromLidar: {
      translationM: { x: 1200 + i * 3, y: 900, z: 1.8 },
      rotation: quatFromYaw(1 + i * 0.05),
    },
  })),
  tracks: [
    { trackId: "a", className: "car", attributes: {} },
    { trackId: "b", className: "pedestrian", attributes: {} },
  ],
  cuboids: [0, 1, 2].flatMap((i) => [
    {
      trackId: "a",
      className: "car",
      centerM: { x: 10 + i, y: -2, z: 0.8 },
      size: { lengthM: 4.2, widthM: 1.8, heightM: 1.5 },
      yawRad: 0.3,
      pitchRad: 0,
      rollRad: 0,
      attributes: {},
      frameIndex: i,
    },
    {
      trackId: "b",
      className: "pedestrian",
      centerM: { x: 5, y: 3 - i, z: 0.9 },
      size: { lengthM: 0.6, widthM: 0.7, heightM: 1.8 },
      yawRad: -2.9,
      pitchRad: 0,
      rollRad: 0,
      attributes: {},
      frameIndex: i,
    },
  ]),
  lidarFileOf: (i) => `samples/LIDAR_TOP/00000${i}.pcd.bin`,
};
// biome-ignore lint/suspicious/noExplicitAny: the cases below spoil arbitrary rows.
type Tables = Record<NuscenesTableName, any[]>;
const tables = () =>
  ({ ...JSON.parse(JSON.stringify(toNuscenesTables(input).tables)), attribute: [] }) as Tables;
const file = (t: NuscenesTableName) => `v1.0-x/${t}.json`;

describe("parseNuscenesTables", () => {
  it("reads back what toNuscenesTables writes: frames in order, times, poses from the first frame, boxes in the lidar frame", () => {
    const back = parseNuscenesTables(tables(), file);
    expect(back.frames.map((f) => [f.name, f.timestampUs])).toEqual(
      input.frames.map((f) => [f.name, f.timestampUs]),
    );
    expect(back.frames[0]?.worldFromLidar.translationM).toEqual({ x: 0, y: 0, z: 0 });
    // Frame 2 is 6 m further along global x; seen from frame 0 (turned by 1 rad), that is
    // 6·(cos 1, −sin 1) in frame 0's lidar axes.
    const t = must(back.frames[2], "frame 2").worldFromLidar.translationM;
    expect(t.x).toBeCloseTo(6 * Math.cos(1), 9);
    expect(t.y).toBeCloseTo(-6 * Math.sin(1), 9);
    expect(back.lidarFileOf(1)).toBe("samples/LIDAR_TOP/000001.pcd.bin");
    expect(back.tracks.map((tr) => [tr.trackId, tr.className])).toEqual([
      ["instance_a", "car"],
      ["instance_b", "pedestrian"],
    ]);
    for (const c of input.cuboids) {
      const b = must(
        back.cuboids.find((x) => x.frameIndex === c.frameIndex && x.trackId === `instance_${c.trackId}`),
        `cuboid of ${c.trackId} in frame ${c.frameIndex}`,
      );
      expect(b.centerM.x).toBeCloseTo(c.centerM.x, 9);
      expect(b.centerM.y).toBeCloseTo(c.centerM.y, 9);
      expect(b.size).toEqual(c.size);
      expect(b.yawRad).toBeCloseTo(c.yawRad, 9);
    }
    expect(nuscenesFrameName("samples/LIDAR_TOP/n015__LIDAR_TOP__1533151603547590.pcd.bin")).toBe(
      "n015__LIDAR_TOP__1533151603547590",
    );
  });

  it("refuses bad tables naming the table, the row and the reason, and reports cameras it leaves out", () => {
    const cases: Array<[string, (t: Tables) => void, RegExp]> = [
      [
        "label outside any frame",
        (t) => (t.sample_annotation[0].sample_token = "sample_99"),
        /^v1\.0-x\/sample_annotation\.json \[0\]\.sample_token: sample sample_99 is not a frame of the scene/,
      ],
      ["two scenes", (t) => t.scene.push({ ...t.scene[0], token: "s2" }), /scene\.json: 2 scenes/],
      [
        "bad size",
        (t) => (t.sample_annotation[1].size = [1, 0, 2]),
        /sample_annotation\.json \[1\]\.size: expected 3 positive/,
      ],
      [
        "bad rotation",
        (t) => (t.ego_pose[0].rotation = [2, 0, 0, 0]),
        /ego_pose\.json token ego_pose_0\.rotation: not a unit quaternion/,
      ],
      ["no sweep", (t) => t.sample_data.splice(1, 1), /sample sample_1 has no lidar key frame/],
      [
        "unknown instance",
        (t) => (t.sample_annotation[0].instance_token = "x"),
        /instance token x does not exist/,
      ],
      [
        "duplicate box",
        (t) => t.sample_annotation.push({ ...t.sample_annotation[0], token: "dup" }),
        /has two boxes in one sample/,
      ],
      ["loop", (t) => (t.sample[2].next = "sample_0"), /the next chain loops/],
    ];
    for (const [what, spoil, message] of cases) {
      const t = tables();
      spoil(t);
      let caught: unknown = null;
      try {
        parseNuscenesTables(t, file);
      } catch (e) {
        caught = e;
      }
      expect(caught, what).toBeInstanceOf(FormatError);
      expect((caught as Error).message, what).toMatch(message);
    }
    const t = tables();
    t.sensor.push({ token: "cam", channel: "CAM_FRONT", modality: "camera" });
    expect(parseNuscenesTables(t, file).warnings).toEqual([
      "v1.0-x/sensor.json: camera channels CAM_FRONT are not read, left out",
    ]);
  });
});
