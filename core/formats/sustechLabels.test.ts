import { existsSync, readdirSync, readFileSync } from "node:fs";
import { describeRealData, REAL_DATA_DIR } from "../../scripts/testing/realData";
import { describe, expect, it } from "vitest";
import { matrix4RowMajorFromPose } from "../geometry/pose";
import { quatFromAxisAngle, quatFromEulerZYX, quatMultiply, rotationMatrixFromQuat } from "../geometry/quat";
import { eulerXyzFromYawPitchRoll, yawPitchRollFromEulerXyz } from "./eulerXyz";
import { FormatError } from "./FormatError";
import {
  parseSustechCalib,
  parseSustechLabels,
  readSustechCalib,
  serializeSustechCalib,
  serializeSustechLabels,
} from "./sustechLabels";
import { must } from "../model/must";

const SCENE = `${REAL_DATA_DIR}/sustechpoints/data/example`;
function sceneFile(rel: string): string {
  const p = `${SCENE}/${rel}`;
  if (!existsSync(p)) throw new Error(`${p} is missing: these tests need ../shared/data (see its README)`);
  return readFileSync(p, "utf8");
}

describeRealData("SUSTechPOINTS labels", () => {
  it("reads the example scene: 87 boxes in 25 tracks over 4 frames", () => {
    const frames = readdirSync(`${SCENE}/label`).sort();
    expect(frames).toHaveLength(4);
    const boxes = frames.flatMap((f) => parseSustechLabels(sceneFile(`label/${f}`), `label/${f}`));
    expect(boxes).toHaveLength(87);
    expect(new Set(boxes.map((b) => b.trackId)).size).toBe(25);
    expect(new Set(boxes.map((b) => b.className))).toEqual(
      new Set(["Car", "Pedestrian", "Rider", "Bus", "Truck", "Motor"]),
    );
  });

  it("writes back every box within 1e-9 (position, size, Euler XYZ rotation)", () => {
    for (const f of readdirSync(`${SCENE}/label`)) {
      const original = JSON.parse(sceneFile(`label/${f}`)) as Array<{
        psr: Record<"position" | "scale" | "rotation", Record<"x" | "y" | "z", number>>;
        obj_id: string;
        obj_type: string;
      }>;
      const written = JSON.parse(
        serializeSustechLabels(parseSustechLabels(sceneFile(`label/${f}`), f)),
      ) as typeof original;
      expect(written).toHaveLength(original.length);
      written.forEach((w, i) => {
        const o = must(original[i], `original label ${i}`);
        expect(w.obj_id).toBe(o.obj_id);
        expect(w.obj_type).toBe(o.obj_type);
        for (const k of ["position", "scale", "rotation"] as const)
          for (const a of ["x", "y", "z"] as const)
            expect(Math.abs(w.psr[k][a] - o.psr[k][a])).toBeLessThan(1e-9);
      });
    }
  });

  it("keeps the orientation: Rx·Ry·Rz of the file equals Rz·Ry·Rx of the cuboid", () => {
    const e = { x: -0.0538, y: 0.0053, z: 1.4025 };
    const q = quatMultiply(
      quatMultiply(
        quatFromAxisAngle({ x: 1, y: 0, z: 0 }, e.x),
        quatFromAxisAngle({ x: 0, y: 1, z: 0 }, e.y),
      ),
      quatFromAxisAngle({ x: 0, y: 0, z: 1 }, e.z),
    );
    const ypr = yawPitchRollFromEulerXyz(e);
    const a = rotationMatrixFromQuat(q);
    const b = rotationMatrixFromQuat(quatFromEulerZYX(ypr.yawRad, ypr.pitchRad, ypr.rollRad));
    for (const [i, v] of a.entries()) expect(Math.abs(v - (b[i] ?? NaN))).toBeLessThan(1e-12);
    expect(ypr.yawRad).not.toBeCloseTo(e.z, 4); // the tilt moves the yaw: the naive mapping would be wrong
    const back = eulerXyzFromYawPitchRoll(ypr);
    expect(Math.abs(back.x - e.x) + Math.abs(back.y - e.y) + Math.abs(back.z - e.z)).toBeLessThan(1e-12);
  });

  it("reads camera calibration: extrinsic lidar→camera and intrinsics", () => {
    const text = sceneFile("calib/camera/front.json");
    const cam = parseSustechCalib(text, "calib/camera/front.json", "front", {
      imageWidthPx: 2048,
      imageHeightPx: 1536,
    });
    const raw = JSON.parse(text) as { extrinsic: number[]; intrinsic: number[] };
    for (const [i, v] of matrix4RowMajorFromPose(cam.cameraFromLidar).entries())
      expect(Math.abs(v - (raw.extrinsic[i] ?? NaN))).toBeLessThan(1e-6);
    expect(cam.intrinsics.fxPx).toBe(raw.intrinsic[0]);
    expect(cam.intrinsics.cyPx).toBe(raw.intrinsic[5]);
  });

  it("names the file and the entry for bad input", () => {
    const bad = JSON.stringify([
      {
        psr: { position: { x: 0, y: 0, z: 0 }, scale: { x: 1, y: 0, z: 1 }, rotation: { x: 0, y: 0, z: 0 } },
        obj_type: "Car",
        obj_id: "1",
      },
    ]);
    expect(() => parseSustechLabels(bad, "label/000001.json")).toThrow(
      "label/000001.json at [0].psr.scale: box size must be positive",
    );
    expect(() => parseSustechLabels("[{", "label/x.json")).toThrow(FormatError);
    expect(() => parseSustechLabels('[{"psr":{}}]', "label/y.json")).toThrow(
      /label\/y.json at \[0\]\.psr\.position/,
    );
  });
});

describe("SUSTechPOINTS calibration: distortion and unknown keys", () => {
  const base = {
    extrinsic: [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1],
    intrinsic: [1000, 0, 640, 0, 1000, 360, 0, 0, 1],
  };
  const size = { imageWidthPx: 1280, imageHeightPx: 720 };
  const read = (extra: Record<string, unknown>) =>
    readSustechCalib(JSON.stringify({ ...base, ...extra }), "calib/camera/front.json", "front", size);

  it("reads distortion under each common spelling, in OpenCV order", () => {
    for (const key of ["distortion", "D", "dist_coeffs"]) {
      const { camera, unknownKeys } = read({ [key]: [-0.3, 0.1, 0.001, -0.002, 0.01] });
      expect(camera.distortion).toEqual({
        model: "brown-conrady",
        k1: -0.3,
        k2: 0.1,
        p1: 0.001,
        p2: -0.002,
        k3: 0.01,
      });
      expect(unknownKeys).toEqual([]);
    }
    expect(read({ D: [[-0.3, 0.1, 0.001, -0.002]] }).camera.distortion).toMatchObject({ k3: 0 });
    expect(read({ D: [-0.3, 0.1, 0, 0, 0, 0.05, 0.01, 0.002] }).camera.distortion).toMatchObject({
      k4: 0.05,
      k6: 0.002,
    });
    expect(read({ D: [0.1, 0.01, 0, 0], distortion_model: "equidistant" }).camera.distortion).toEqual({
      model: "kannala-brandt",
      k1: 0.1,
      k2: 0.01,
      k3: 0,
      k4: 0,
    });
  });

  it("reports keys it does not understand and refuses coefficients it cannot read", () => {
    expect(read({ rolling_shutter: true, D: [0, 0, 0, 0] }).unknownKeys).toEqual(["rolling_shutter"]);
    expect(() => read({ D: [1, 2, 3] })).toThrow(
      /front\.json at \.D: expected 4, 5 or 8 distortion coefficients/,
    );
    expect(() => read({ D: [0, 0, 0, 0], distortion: [0, 0, 0, 0] })).toThrow(/distortion given twice/);
    expect(() => read({ D: ["a", 0, 0, 0] })).toThrow(/list of finite numbers/);
  });

  it("writes the distortion back so it reads the same", () => {
    const camera = read({ distortion: [-0.3, 0.1, 0.001, -0.002, 0.01, 0.05, 0.01, 0.002] }).camera;
    const again = readSustechCalib(serializeSustechCalib(camera), "x.json", "front", size).camera;
    expect(again).toEqual(camera);
  });
});
