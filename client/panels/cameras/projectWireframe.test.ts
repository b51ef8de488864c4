import { describe, expect, it } from "vitest";
import { cuboidCorners } from "../../../core/geometry/cuboidCorners";
import { composePoses, poseFromMatrix4RowMajor } from "../../../core/geometry/pose";
import { projectLidarPoint } from "../../../core/geometry/projectCamera";
import { quatFromYaw } from "../../../core/geometry/quat";
import type { CameraSensor } from "../../../core/model/CameraSensor";
import { projectWireframe, rankCameras } from "./projectWireframe";
import { must } from "../../../core/model/must";

const opticalFromLidar = poseFromMatrix4RowMajor([0, -1, 0, 0, 0, 0, -1, 0, 1, 0, 0, 0, 0, 0, 0, 1]);
const cam = (name: string, yawRad: number, distorted: boolean): CameraSensor => ({
  name,
  imageWidthPx: 1280,
  imageHeightPx: 720,
  intrinsics: { fxPx: 800, fyPx: 800, cxPx: 640, cyPx: 360, skew: 0 },
  distortion: distorted
    ? { model: "brown-conrady", k1: -0.3, k2: 0.08, p1: 0, p2: 0, k3: 0 }
    : { model: "none" },
  // A camera looking along lidar yaw `yawRad`.
  cameraFromLidar: composePoses(opticalFromLidar, {
    translationM: { x: 0, y: 0, z: 0 },
    rotation: quatFromYaw(-yawRad),
  }),
});
const box = {
  centerM: { x: 12, y: 1, z: -0.5 },
  size: { lengthM: 4.5, widthM: 1.9, heightM: 1.6 },
  yawRad: 0.3,
};

describe("camera projection of cuboids", () => {
  it("wireframe polylines start and end at the corners core's distorted projection gives, and bend between", () => {
    const front = cam("front", 0, true);
    const lines = projectWireframe(box, front);
    expect(lines).toHaveLength(12);
    const [c0, c1] = cuboidCorners(box).map((c) => projectLidarPoint(c, front));
    const k0 = must(c0, "corner 0 in the front camera");
    const k1 = must(c1, "corner 1 in the front camera");
    expect(lines[0]?.[0]?.[0]).toBeCloseTo(k0.uPx, 9);
    expect(lines[0]?.[0]?.[1]).toBeCloseTo(k0.vPx, 9);
    expect(lines[0]?.at(-1)?.[0]).toBeCloseTo(k1.uPx, 9);
    // The midpoint of a distorted edge is not on the straight chord between its ends.
    const mid = must(lines[0]?.[8], "the first edge's middle point");
    const chord = { u: (k0.uPx + k1.uPx) / 2, v: (k0.vPx + k1.vPx) / 2 };
    expect(Math.hypot(mid[0] - chord.u, mid[1] - chord.v)).toBeGreaterThan(0.01);
  });

  it("ranks the camera that sees the box best first and drops edges behind a camera", () => {
    const cams = [cam("left", Math.PI / 2, false), cam("rear", Math.PI, false), cam("front", 0, false)];
    expect(rankCameras(cams, box).map((c) => c.name)[0]).toBe("front");
    expect(rankCameras(cams, { ...box, centerM: { x: 1, y: 12, z: -0.5 } })[0]?.name).toBe("left");
    expect(projectWireframe(box, must(cams[1], "the rear camera"))).toHaveLength(0);
  });
});
