import { existsSync, readFileSync } from "node:fs";
import { describeRealData, REAL_DATA_DIR } from "../../scripts/testing/realData";
import { expect, it } from "vitest";
import { isPointInBox } from "../geometry/cuboidCorners";
import { transformPoint } from "../geometry/pose";
import { parseKittiCalib, kittiCameraSensor, rectFromLidar, serializeKittiCalib } from "./kittiCalib";
import {
  boxLabelFromKitti,
  kittiFromBoxLabel,
  parseKittiObjectLabels,
  parseKittiTrackingLabels,
  serializeKittiObjectLabels,
  serializeKittiTrackingLabels,
} from "./kittiLabels";
import {
  oxtsFromWorldFromLidarPoses,
  parseKittiOxts,
  serializeKittiOxts,
  worldFromLidarPosesFromOxts,
} from "./kittiOxts";
import { projectLidarPoint } from "../geometry/projectCamera";
import { quatFromEulerZYX } from "../geometry/quat";
import { must } from "../model/must";

const ROOT = `${REAL_DATA_DIR}/kitti_object_vis/data/object/training`;
function read(rel: string): Buffer {
  const p = `${ROOT}/${rel}`;
  if (!existsSync(p)) throw new Error(`${p} is missing: these tests need ../shared/data (see its README)`);
  return readFileSync(p);
}
const FRAMES = ["000000", "000001", "000002"];

describeRealData("KITTI object labels", () => {
  it("puts every box of the 3 frames around lidar points", () => {
    let boxes = 0;
    for (const f of FRAMES) {
      const calib = parseKittiCalib(read(`calib/${f}.txt`).toString(), `calib/${f}.txt`);
      const labels = parseKittiObjectLabels(read(`label_2/${f}.txt`).toString(), `label_2/${f}.txt`);
      const bin = read(`velodyne/${f}.bin`);
      const xyz = new Float32Array(bin.buffer, bin.byteOffset, bin.byteLength / 4);
      for (const l of labels.filter((x) => x.type !== "DontCare")) {
        const box = boxLabelFromKitti(l, calib, "t");
        let inside = 0;
        for (let i = 0; i < xyz.length; i += 4)
          if (isPointInBox({ x: xyz[i] ?? NaN, y: xyz[i + 1] ?? NaN, z: xyz[i + 2] ?? NaN }, box)) inside++;
        expect(inside, `${f} ${l.type}`).toBeGreaterThan(5);
        boxes++;
      }
    }
    expect(boxes).toBe(6);
  });

  it("exports back to the file's numbers: location, size, rotation_y, alpha, and a 2D box near the annotated one", () => {
    for (const f of FRAMES) {
      const calib = parseKittiCalib(read(`calib/${f}.txt`).toString(), `calib/${f}.txt`);
      for (const l of parseKittiObjectLabels(read(`label_2/${f}.txt`).toString(), f).filter(
        (x) => x.type !== "DontCare",
      )) {
        const back = kittiFromBoxLabel(boxLabelFromKitti(l, calib, "t"), calib, {
          imageWidthPx: 1242,
          imageHeightPx: 375,
        });
        expect(back.type).toBe(l.type);
        for (const a of ["x", "y", "z"] as const)
          expect(Math.abs(back.locationRectM[a] - l.locationRectM[a])).toBeLessThan(1e-6);
        expect(Math.abs(back.rotationYRad - l.rotationYRad)).toBeLessThan(1e-9);
        // The file rounds alpha, x and z to 2 decimals, so the recomputed alpha differs by up to ~0.015.
        expect(Math.abs(back.alphaRad - l.alphaRad)).toBeLessThan(0.02);
        const b = back.bbox2dPx;
        const o = l.bbox2dPx;
        const iw = Math.min(b.right, o.right) - Math.max(b.left, o.left);
        const ih = Math.min(b.bottom, o.bottom) - Math.max(b.top, o.top);
        const inter = Math.max(0, iw) * Math.max(0, ih);
        const union =
          (b.right - b.left) * (b.bottom - b.top) + (o.right - o.left) * (o.bottom - o.top) - inter;
        expect(inter / union, `${f} ${l.type} 2D IoU`).toBeGreaterThan(0.6);
      }
    }
  });

  it("serializes object and tracking lines that parse back to the same labels", () => {
    const labels = parseKittiObjectLabels(read("label_2/000001.txt").toString(), "label_2/000001.txt");
    expect(parseKittiObjectLabels(serializeKittiObjectLabels(labels), "x")).toEqual(labels);
    const tracked = labels.map((l, i) => ({ ...l, frame: 3, trackId: l.type === "DontCare" ? -1 : i }));
    expect(parseKittiTrackingLabels(serializeKittiTrackingLabels(tracked), "x")).toEqual(tracked);
  });

  it("camera 2 of the calibration projects rect points as P2 does", () => {
    const calib = parseKittiCalib(read("calib/000000.txt").toString(), "calib/000000.txt");
    const cam = kittiCameraSensor(calib, "image_2", { imageWidthPx: 1224, imageHeightPx: 370 });
    const pLidar = { x: 20, y: 3, z: -1 };
    const r = transformPoint(rectFromLidar(calib), pLidar);
    const p = (i: number): number => must(calib.projections.P2[i], `P2 entry ${i}`);
    const w = p(8) * r.x + p(9) * r.y + p(10) * r.z + p(11);
    const u = (p(0) * r.x + p(1) * r.y + p(2) * r.z + p(3)) / w;
    const px = must(projectLidarPoint(pLidar, cam), "projected point");
    expect(Math.abs(px.uPx - u)).toBeLessThan(1e-6);
  });

  it("reads the tracking calibration spelling and writes both spellings", () => {
    const calib = parseKittiCalib(read("calib/000001.txt").toString(), "calib/000001.txt");
    expect(parseKittiCalib(serializeKittiCalib(calib, "tracking"), "calib/0000.txt")).toEqual(
      parseKittiCalib(serializeKittiCalib(calib, "object"), "calib/000001.txt"),
    );
    expect(serializeKittiCalib(calib, "tracking")).toMatch(/^R_rect /m);
  });

  it("names file and line for bad input", () => {
    expect(() => parseKittiObjectLabels("Car 0 0 0 1 2 3 4 1.5 1.6 4.0 1 2\n", "label_2/000009.txt")).toThrow(
      "label_2/000009.txt line 1: expected 15 or 16 fields, got 13",
    );
    expect(() => parseKittiObjectLabels("\nCar 0 0 0 1 2 3 4 1.5 x 4.0 1 2 3 0\n", "l.txt")).toThrow(
      'l.txt line 2: width "x" is not a number',
    );
    expect(() => parseKittiCalib("P2: 1 2 3\n", "calib/1.txt")).toThrow(
      "calib/1.txt line 1: P2 needs 12 numbers, got 3",
    );
    expect(() => parseKittiCalib("P2: 1 0 0 0 0 1 0 0 0 0 1 0\n", "calib/1.txt")).toThrow(
      "calib/1.txt: missing R0_rect",
    );
  });
});

describeRealData("KITTI oxts poses", () => {
  it("poses → oxts → poses gives the poses back relative to the first", () => {
    const calib = parseKittiCalib(read("calib/000001.txt").toString(), "c");
    const lidarFromImu = {
      translationM: { x: -0.8, y: 0.3, z: -0.8 },
      rotation: quatFromEulerZYX(0.01, -0.02, 0.005),
    };
    expect(calib.trImuToVelo).toHaveLength(12);
    const poses = [0, 1, 2].map((i) => ({
      translationM: { x: 12.5 * i, y: -3 * i * i, z: 0.2 * i },
      rotation: quatFromEulerZYX(0.3 * i, 0.01 * i, -0.02 * i),
    }));
    const text = serializeKittiOxts(oxtsFromWorldFromLidarPoses(poses, lidarFromImu));
    const back = worldFromLidarPosesFromOxts(parseKittiOxts(text, "oxts/0000.txt"), lidarFromImu);
    back.forEach((p, i) => {
      const q = must(poses[i], `pose ${i}`);
      const probe = { x: 5, y: -2, z: 1 };
      const a = transformPoint(p, probe);
      const b = transformPoint(q, probe);
      expect(Math.hypot(a.x - b.x, a.y - b.y, a.z - b.z)).toBeLessThan(1e-6);
    });
  });
});
