import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";
import {
  ARGOVERSE_LABELS_DIR,
  ARGOVERSE_LIDAR_DIR,
  ARGOVERSE_POSES_DIR,
  argoverseSweeps,
  parseArgoverseLabels,
  parseArgoversePose,
} from "../../core/formats/argoverseLog";
import { parseKittiCalib } from "../../core/formats/kittiCalib";
import {
  boxLabelFromKitti,
  parseKittiObjectLabels,
  serializeKittiObjectLabels,
} from "../../core/formats/kittiLabels";
import type { PredictionTargetFrame } from "../../core/formats/PredictionFile";
import { readPredictionFiles } from "../../core/formats/readPredictionFiles";
import { toNuscenesTables } from "../../core/formats/nuscenesTables";
import { isPointInBox } from "../../core/geometry/cuboidCorners";
import type { Cuboid } from "../../core/model/Cuboid";
import { describeRealData, realDataPath } from "../../scripts/testing/realData";
import { must } from "../../core/model/must";

const ARGO = "argoverse1-tracking/app/test_dataset/0_drive_0064_sync/sample/argoverse";
const KITTI = "kitti_object_vis/data/object/training";
const angleGap = (a: number, b: number) => Math.abs(Math.atan2(Math.sin(a - b), Math.cos(a - b)));

describeRealData("prediction formats on real scenes", () => {
  it("nuScenes results of the Argoverse sequence come back into each sweep's lidar frame", () => {
    const root = realDataPath(ARGO);
    const sweeps = argoverseSweeps(
      readdirSync(join(root, ARGOVERSE_LIDAR_DIR)),
      readdirSync(join(root, ARGOVERSE_POSES_DIR)),
      readdirSync(join(root, ARGOVERSE_LABELS_DIR)),
    );
    const frames: PredictionTargetFrame[] = sweeps.map((s, index) => ({
      index,
      name: s.name,
      worldFromLidar: parseArgoversePose(readFileSync(join(root, s.posePath), "utf8"), s.posePath),
    }));
    // The scene's own labels, perturbed (0.3 m forward) as a detector's output would be.
    const cuboids: Cuboid[] = sweeps.flatMap((s, frameIndex) =>
      s.labelPath === null
        ? []
        : parseArgoverseLabels(readFileSync(join(root, s.labelPath), "utf8"), s.labelPath).map((b, k) => ({
            ...b,
            id: `${frameIndex}-${k}`,
            frameIndex,
            centerM: { ...b.centerM, x: b.centerM.x + 0.3 },
            provenance: "model" as const,
            updatedBy: "test",
          })),
    );
    expect(cuboids.length).toBe(3188);
    // The order the export writes each frame's boxes in.
    cuboids.sort((a, b) => a.frameIndex - b.frameIndex || (a.trackId < b.trackId ? -1 : 1));
    const { detections } = toNuscenesTables({
      name: "argo",
      lidarName: "lidar",
      frames: frames.map((f) => ({
        ...f,
        timestampUs: 0,
        worldFromLidar: must(f.worldFromLidar, "f.worldFromLidar"),
      })),
      tracks: [],
      cuboids,
      lidarFileOf: (i) => `samples/LIDAR_TOP/${i}.ply`,
    });
    let n = 0;
    for (const list of Object.values(detections.results))
      for (const d of list) d.detection_score = (n++ % 100) / 100;
    // The file really is in the global frame: the ego drives ~50 m, so boxes are far from lidar.
    const first = must(
      must(detections.results.sample_0, "detections.results.sample_0")[0],
      "must(detections.results.sample_0, 'detections.results.sample_0')[0]",
    );
    expect(
      Math.hypot(
        must(first.translation[0], "first.translation[0]") - must(cuboids[0], "cuboids[0]").centerM.x,
        must(first.translation[1], "first.translation[1]") - must(cuboids[0], "cuboids[0]").centerM.y,
      ),
    ).toBeGreaterThan(100);

    const boxes = readPredictionFiles(
      [{ name: "results.json", text: JSON.stringify(detections) }],
      "auto",
      frames,
    );
    expect(boxes.length).toBe(cuboids.length);
    let worstCenterM = 0;
    let worstYawRad = 0;
    boxes.forEach((b, i) => {
      const c = must(cuboids[i], "cuboids[i]");
      expect([b.frame, b.trackId, b.class]).toEqual([
        must(frames[c.frameIndex], "frames[c.frameIndex]").name,
        c.trackId,
        c.className,
      ]);
      expect(b.score).toBe((i % 100) / 100);
      expect(b.size).toEqual([c.size.lengthM, c.size.widthM, c.size.heightM]);
      worstCenterM = Math.max(
        worstCenterM,
        Math.hypot(b.center[0] - c.centerM.x, b.center[1] - c.centerM.y, b.center[2] - c.centerM.z),
      );
      worstYawRad = Math.max(worstYawRad, angleGap(b.yaw, c.yawRad));
    });
    expect(worstCenterM).toBeLessThan(1e-6);
    expect(worstYawRad).toBeLessThan(1e-6);

    // A token that names no frame, and a frame without a pose, are named.
    const stray = { meta: {}, results: { sample_0: [], unknown_token: [first] } };
    expect(() =>
      readPredictionFiles([{ name: "r.json", text: JSON.stringify(stray) }], "nuscenes", frames),
    ).toThrow(
      'r.json results.unknown_token[0]: sample token "unknown_token" names no frame of this sequence',
    );
    const noPose = frames.map(({ worldFromLidar: _, ...f }) => f);
    expect(() =>
      readPredictionFiles(
        [{ name: "r.json", text: JSON.stringify({ results: { sample_0: [first] } }) }],
        "nuscenes",
        noPose,
      ),
    ).toThrow(`frame ${must(frames[0], "frames[0]").name} (sample "sample_0") has no ego pose`);
  });

  it("KITTI object predictions come into lidar through each frame's calibration and hold points", () => {
    const root = realDataPath(KITTI);
    const names = ["000000", "000001", "000002"];
    const frames: PredictionTargetFrame[] = names.map((name, index) => ({
      index,
      name,
      kittiCalib: parseKittiCalib(readFileSync(join(root, `calib/${name}.txt`), "utf8"), `calib/${name}.txt`),
    }));
    const truth = names.map((name) =>
      parseKittiObjectLabels(readFileSync(join(root, `label_2/${name}.txt`), "utf8"), name).filter(
        (l) => l.type !== "DontCare",
      ),
    );
    const files = names.map((name, f) => ({
      name: `predictions/${name}.txt`,
      text: serializeKittiObjectLabels(
        must(truth[f], "truth[f]").map((l, k) => ({ ...l, score: 0.9 - 0.1 * k })),
      ),
    }));
    const boxes = readPredictionFiles(files, "auto", frames);
    expect(boxes.length).toBe(truth.flat().length);
    for (const [f, name] of names.entries()) {
      const xyzr = new Float32Array(readFileSync(join(root, `velodyne/${name}.bin`)).buffer.slice(0));
      const mine = boxes.filter((b) => b.frame === name);
      expect(mine.map((b) => b.score)).toEqual(
        must(truth[f], "truth[f]").map((_, k) => Number((0.9 - 0.1 * k).toFixed(6))),
      );
      for (const [k, b] of mine.entries()) {
        const expected = boxLabelFromKitti(
          must(must(truth[f], "truth[f]")[k], "must(truth[f], 'truth[f]')[k]"),
          must(must(frames[f], "frames[f]").kittiCalib, "must(frames[f], 'frames[f]').kittiCalib"),
          "",
        );
        expect(Math.hypot(b.center[0] - expected.centerM.x, b.center[1] - expected.centerM.y)).toBeLessThan(
          1e-5,
        );
        // Independent of the conversion: the box in lidar holds lidar points (the README's promise).
        const box = {
          centerM: { x: b.center[0], y: b.center[1], z: b.center[2] },
          size: { lengthM: b.size[0], widthM: b.size[1], heightM: b.size[2] },
          yawRad: b.yaw,
        };
        let inside = 0;
        for (let i = 0; i < xyzr.length; i += 4)
          if (
            isPointInBox(
              {
                x: must(xyzr[i], "xyzr[i]"),
                y: must(xyzr[i + 1], "xyzr[i + 1]"),
                z: must(xyzr[i + 2], "xyzr[i + 2]"),
              },
              box,
            )
          )
            inside++;
        expect(inside, `${name} box ${k} (${b.class})`).toBeGreaterThan(0);
      }
    }
    // Rows without the score column, and a file named after no frame, are refused with the place.
    const noScore = { name: "000000.txt", text: serializeKittiObjectLabels(must(truth[0], "truth[0]")) };
    expect(() => readPredictionFiles([noScore], "kitti", frames)).toThrow(
      "000000.txt line 1: no score column: predictions need 16 fields",
    );
    expect(() =>
      readPredictionFiles([{ ...must(files[0], "files[0]"), name: "000777.txt" }], "kitti", frames),
    ).toThrow('000777.txt line 1: "000777" is not a frame of this sequence');
  });
});

it("KITTI tracking-style predictions carry track ids and match frames by number", () => {
  const calib = `P2: 7.215377e+02 0 6.095593e+02 4.485728e+01 0 7.215377e+02 1.728540e+02 2.163791e-01 0 0 1 2.745884e-03
R0_rect: 1 0 0 0 1 0 0 0 1
Tr_velo_to_cam: 0 -1 0 0 0 0 -1 0 1 0 0 0
`;
  const kittiCalib = parseKittiCalib(calib, "calib.txt");
  const frames: PredictionTargetFrame[] = [0, 1].map((index) => ({
    index,
    name: `00000${index}`,
    kittiCalib,
  }));
  const text =
    "1 5 Car 0 0 0 0 0 10 10 1.5 1.8 4.2 2 1.5 20 0 0.75\n0 5 Car 0 0 0 0 0 10 10 1.5 1.8 4.2 2 1.5 19 0 0.5\n";
  const boxes = readPredictionFiles([{ name: "0000.txt", text }], "auto", frames);
  // Camera (x right, y down, z forward) → lidar (x forward, y left, z up); centre lifted half the height.
  expect(boxes.map((b) => [b.frame, b.trackId, b.score, b.center.map((v) => Number(v.toFixed(6)))])).toEqual([
    ["000001", 5, 0.75, [20, -2, -0.75]],
    ["000000", 5, 0.5, [19, -2, -0.75]],
  ]);
  expect(() =>
    readPredictionFiles([{ name: "0000.txt", text: text.replace(/^1 5/, "7 5") }], "kitti", frames),
  ).toThrow("0000.txt line 1: frame 7 is not a frame of this sequence");
});

it("native predictions are checked entry by entry", () => {
  const frames = [{ index: 0, name: "a" }];
  const good = [
    { frame: "a", trackId: 1, class: "Car", score: 0.4, center: [1, 2, 3], size: [4, 2, 1.5], yaw: 0.1 },
  ];
  expect(readPredictionFiles([{ name: "p.json", text: JSON.stringify(good) }], "auto", frames)).toEqual(good);
  expect(() =>
    readPredictionFiles(
      [{ name: "p.json", text: JSON.stringify([{ ...good[0], score: 2 }]) }],
      "auto",
      frames,
    ),
  ).toThrow(/^p\.json entry \[0\]\.score: /);
  expect(() => readPredictionFiles([{ name: "p.json", text: "[" }], "native", frames)).toThrow(
    /^p\.json: not JSON/,
  );
  expect(() =>
    readPredictionFiles(
      [
        { name: "p.json", text: "[]" },
        { name: "q.json", text: "[]" },
      ],
      "auto",
      frames,
    ),
  ).toThrow("q.json: a native import takes one file; only KITTI takes one file a frame");
});
