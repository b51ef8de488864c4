import { describe, expect, it } from "vitest";
import type { CameraSensor } from "../model/CameraSensor";
import {
  distortNormalized,
  projectCameraPoint,
  projectLidarPoint,
  undistortNormalized,
} from "./projectCamera";
import { composePoses, invertPose, poseFromMatrix4RowMajor, transformPoint } from "./pose";
import { quatFromYaw } from "./quat";
import { must } from "../model/must";

// Lidar x forward, y left, z up → camera x right, y down, z forward.
const cameraFromLidar = poseFromMatrix4RowMajor([0, -1, 0, 0, 0, 0, -1, 0.2, 1, 0, 0, -0.5, 0, 0, 0, 1]);
const camera: CameraSensor = {
  name: "front",
  imageWidthPx: 1280,
  imageHeightPx: 720,
  intrinsics: { fxPx: 1000, fyPx: 1000, cxPx: 640, cyPx: 360, skew: 0 },
  distortion: { model: "none" },
  cameraFromLidar,
};

describe("projectLidarPoint", () => {
  it("puts a point straight ahead on the principal point and a point to the left left of it", () => {
    const ahead = must(projectLidarPoint({ x: 10.5, y: 0, z: 0.2 }, camera), "point ahead");
    expect(ahead.uPx).toBeCloseTo(640, 6);
    expect(ahead.vPx).toBeCloseTo(360, 6);
    expect(ahead.depthM).toBeCloseTo(10, 6);
    const left = must(projectLidarPoint({ x: 10.5, y: 1, z: 0.2 }, camera), "point to the left");
    expect(left.uPx).toBeCloseTo(540, 6);
  });

  it("refuses points behind the camera", () => {
    expect(projectLidarPoint({ x: -5, y: 0, z: 0 }, camera)).toBeNull();
  });

  it("undistort inverts Brown–Conrady and Kannala–Brandt", () => {
    for (const d of [
      { model: "brown-conrady" as const, k1: -0.3, k2: 0.1, p1: 0.001, p2: -0.002, k3: 0 },
      { model: "kannala-brandt" as const, k1: 0.05, k2: -0.01, k3: 0.002, k4: 0 },
    ]) {
      const [xd, yd] = distortNormalized(0.3, -0.2, d);
      const [x, y] = undistortNormalized(xd, yd, d);
      expect(x).toBeCloseTo(0.3, 8);
      expect(y).toBeCloseTo(-0.2, 8);
    }
  });
});

describe("OpenCV radial-tangential distortion", () => {
  // The point (x/z, y/z) = (0.3, −0.2): r² = 0.13, r⁴ = 0.0169, r⁶ = 0.002197.
  const d = { model: "brown-conrady" as const, k1: -0.3, k2: 0.1, p1: 0.001, p2: -0.002, k3: 0.01 };
  const pCamera = { x: 0.3 * 5, y: -0.2 * 5, z: 5 };

  it("matches the hand-computed 5-coefficient result", () => {
    // radial = 1 − 0.3·0.13 + 0.1·0.0169 + 0.01·0.002197 = 0.96271197
    // x' = 0.3·radial + 2·0.001·0.3·(−0.2) − 0.002·(0.13 + 2·0.09) = 0.288073591
    // y' = −0.2·radial + 0.001·(0.13 + 2·0.04) + 2·(−0.002)·0.3·(−0.2) = −0.192092394
    const [xd, yd] = distortNormalized(0.3, -0.2, d);
    expect(xd).toBeCloseTo(0.288073591, 12);
    expect(yd).toBeCloseTo(-0.192092394, 12);
    const px = must(projectCameraPoint(pCamera, { ...camera, distortion: d }), "distorted point");
    expect(px.uPx).toBeCloseTo(1000 * 0.288073591 + 640, 9);
    expect(px.vPx).toBeCloseTo(1000 * -0.192092394 + 360, 9);
  });

  it("divides by the rational model's k4 k5 k6", () => {
    // denominator = 1 + 0.05·0.13 + 0.01·0.0169 + 0.002·0.002197 = 1.006673394
    // radial = 0.96271197 / 1.006673394 = 0.956330003095…
    // x' = 0.3·radial − 0.00012 − 0.00062 = 0.286159000929, y' = −0.2·radial + 0.00021 + 0.00024 = −0.190816000619
    const [xd, yd] = distortNormalized(0.3, -0.2, { ...d, k4: 0.05, k5: 0.01, k6: 0.002 });
    expect(xd).toBeCloseTo(0.286159000929, 11);
    expect(yd).toBeCloseTo(-0.190816000619, 11);
    const [x, y] = undistortNormalized(xd, yd, { ...d, k4: 0.05, k5: 0.01, k6: 0.002 });
    expect(x).toBeCloseTo(0.3, 8);
    expect(y).toBeCloseTo(-0.2, 8);
  });
});

describe("poses", () => {
  it("compose and invert are consistent", () => {
    const aFromB = { translationM: { x: 1, y: 2, z: 3 }, rotation: quatFromYaw(0.7) };
    const identity = composePoses(aFromB, invertPose(aFromB));
    const p = transformPoint(identity, { x: 4, y: -5, z: 6 });
    expect(p.x).toBeCloseTo(4, 12);
    expect(p.y).toBeCloseTo(-5, 12);
    expect(p.z).toBeCloseTo(6, 12);
  });
});
