import { describe, expect, it } from "vitest";
import type { BoxLabel } from "../../core/formats/BoxLabel";
import { parseKittiCalib } from "../../core/formats/kittiCalib";
import { boxLabelFromKitti, parseKittiTrackingLabels, wrapAngleRad } from "../../core/formats/kittiLabels";
import { parseSustechCalib, parseSustechLabels } from "../../core/formats/sustechLabels";
import { CUBOID_EDGES, cuboidCorners, isPointInBox } from "../../core/geometry/cuboidCorners";
import { isInsideImage, projectLidarPoint } from "../../core/geometry/projectCamera";
import { transformPoint } from "../../core/geometry/pose";
import { type NativeCuboid, nativeSequenceManifestSchema } from "../../core/model/NativeSequenceManifest";
import { decodePointCloud } from "../../workers/decode/decodePointCloud";
import { createGenerator } from "./createGenerator";
import { DEFAULT_LIDAR } from "./LidarConfig";
import type { GeneratorOptions } from "./GeneratorOptions";
import { writeSequence } from "./writeSequence";
import { must } from "../../core/model/must";

// Small on purpose: 3 frames, a 16-beam 1° lidar, 320×180 images.
const SMALL: GeneratorOptions = {
  seed: 7,
  frames: 3,
  lidar: { ...DEFAULT_LIDAR, beams: 16, azimuthStepDeg: 1 },
  imageWidthPx: 320,
  imageHeightPx: 180,
  jpegQuality: 50,
  name: "test-seed-7",
};

type Files = Map<string, Uint8Array>;
function generateAll(options: GeneratorOptions) {
  const native: Files = new Map();
  const sustech: Files = new Map();
  const kitti: Files = new Map();
  const manifest = writeSequence(createGenerator(options), {
    native: (p, b) => native.set(p, b),
    sustech: (p, b) => sustech.set(p, b),
    kitti: (p, b) => kitti.set(p, b),
  });
  return { manifest, native, sustech, kitti };
}

const text = (b: Uint8Array | undefined, path: string) => {
  if (!b) throw new Error(`missing output file ${path}`);
  return new TextDecoder().decode(b);
};

function sameFiles(a: Files, b: Files): string[] {
  const diffs: string[] = [];
  for (const [path, bytes] of a) {
    const other = b.get(path);
    if (!other || Buffer.compare(Buffer.from(bytes), Buffer.from(other)) !== 0) diffs.push(path);
  }
  for (const path of b.keys()) if (!a.has(path)) diffs.push(path);
  return diffs;
}

function expectSameBox(actual: BoxLabel, expected: NativeCuboid, toleranceM: number) {
  expect(actual.trackId).toBe(expected.trackId);
  expect(actual.className).toBe(expected.className);
  for (const k of ["x", "y", "z"] as const)
    expect(Math.abs(actual.centerM[k] - expected.centerM[k])).toBeLessThan(toleranceM);
  for (const k of ["lengthM", "widthM", "heightM"] as const)
    expect(Math.abs(actual.size[k] - expected.size[k])).toBeLessThan(toleranceM);
  expect(Math.abs(wrapAngleRad(actual.yawRad - expected.yawRad))).toBeLessThan(1e-5);
}

const first = generateAll(SMALL);

describe("synthetic sequence generator", () => {
  it("writes identical bytes for the same seed and different bytes for another seed", () => {
    const again = generateAll(SMALL);
    expect(first.native.size).toBe(1 + SMALL.frames * 3);
    for (const k of ["native", "sustech", "kitti"] as const)
      expect(sameFiles(first[k], again[k])).toEqual([]);
    const other: Files = new Map();
    writeSequence(createGenerator({ ...SMALL, seed: 8 }), { native: (p, b) => other.set(p, b) });
    expect(sameFiles(first.native, other).length).toBeGreaterThan(0);
  });

  it("drives at the frame rate and ego speed asked for (a fast 15 Hz test drive)", () => {
    const fast: Files = new Map();
    const m = writeSequence(createGenerator({ ...SMALL, frameIntervalUs: 66_667, egoSpeedMps: 25 }), {
      native: (p, b) => fast.set(p, b),
    });
    const [f0, f1] = [must(m.frames[0], "frame 0"), must(m.frames[1], "frame 1")];
    expect(f1.timestampUs - f0.timestampUs).toBe(66_667);
    const chord = (a: typeof f0, b: typeof f0) => {
      const [p, q] = [
        must(a.worldFromLidar, "pose").translationM,
        must(b.worldFromLidar, "pose").translationM,
      ];
      return Math.hypot(q.x - p.x, q.y - p.y);
    };
    // 25 m/s for 1/15 s goes 5/3 as far along the lane as the default 10 m/s for 0.1 s.
    const slow = chord(must(first.manifest.frames[0], "frame 0"), must(first.manifest.frames[1], "frame 1"));
    expect(chord(f0, f1) / slow).toBeCloseTo(5 / 3, 3);
  });

  it("writes a manifest the importer's schema accepts, with every kind of actor", () => {
    const m = nativeSequenceManifestSchema.parse(
      JSON.parse(text(first.native.get("sequence.json"), "sequence.json")),
    );
    expect(m.frames).toHaveLength(SMALL.frames);
    const classes = new Set(m.cuboids.map((c) => c.className));
    for (const c of ["Car", "Van", "Truck", "Pedestrian", "Cyclist"]) expect(classes).toContain(c);
    expect(m.cuboids.some((c) => c.attributes.parked === true)).toBe(true);
    expect(m.cuboids.some((c) => c.attributes.pose === "standing")).toBe(true);
    expect(m.cuboids.some((c) => c.attributes.pose === "walking")).toBe(true);
  });

  it("counts exactly the decoded PCD's points inside each box, and every visible box has some", () => {
    const m = first.manifest;
    let visible = 0;
    for (const frame of m.frames) {
      const { cloud } = decodePointCloud(
        must(first.native.get(frame.lidarPath), frame.lidarPath),
        frame.lidarPath,
      );
      for (const c of m.cuboids.filter((k) => k.frameName === frame.name)) {
        let inside = 0;
        for (let i = 0; i < cloud.pointCount; i++) {
          const p = {
            x: cloud.positions[i * 3] ?? NaN,
            y: cloud.positions[i * 3 + 1] ?? NaN,
            z: cloud.positions[i * 3 + 2] ?? NaN,
          };
          if (isPointInBox(p, c)) inside++;
        }
        expect(inside, `${frame.name} track ${c.trackId}`).toBe(c.groundTruth?.lidarPointCount);
        if ((c.groundTruth?.visibility ?? 0) > 0) {
          visible++;
          expect(inside, `${frame.name} track ${c.trackId} is marked visible`).toBeGreaterThan(0);
        }
      }
    }
    expect(visible).toBeGreaterThan(20);
  });

  it("draws each box a camera sees inside the projection of that box's edges", () => {
    const generator = createGenerator(SMALL);
    let checked = 0;
    for (let index = 0; index < SMALL.frames; index++) {
      const frame = generator.renderFrame(index);
      frame.images.forEach((image, k) => {
        const camera = must(generator.cameras[k], `camera ${k}`);
        for (const [j, cuboid] of frame.cuboids.entries()) {
          if (!cuboid.groundTruth?.visibleInCameras.includes(camera.name)) continue;
          const corners = cuboidCorners(cuboid);
          // Only boxes wholly in front of the camera: their image is bounded by their edges' images.
          if (corners.some((c) => transformPoint(camera.cameraFromLidar, c).z < 0.5)) continue;
          let minU = Infinity;
          let maxU = -Infinity;
          let minV = Infinity;
          let maxV = -Infinity;
          let anyInside = false;
          for (const [a, b] of CUBOID_EDGES) {
            const ca = must(corners[a], `corner ${a}`);
            const cb = must(corners[b], `corner ${b}`);
            for (let s = 0; s <= 32; s++) {
              const t = s / 32;
              const p = must(
                projectLidarPoint(
                  { x: ca.x + t * (cb.x - ca.x), y: ca.y + t * (cb.y - ca.y), z: ca.z + t * (cb.z - ca.z) },
                  camera,
                ),
                "the projection of an edge point",
              );
              anyInside ||= isInsideImage(p, camera);
              minU = Math.min(minU, p.uPx);
              maxU = Math.max(maxU, p.uPx);
              minV = Math.min(minV, p.vPx);
              maxV = Math.max(maxV, p.vPx);
            }
          }
          expect(anyInside, `${frame.name} ${camera.name} track ${cuboid.trackId}`).toBe(true);
          const id = must(frame.actorIndices[j], `actor of cuboid ${j}`) + 1;
          const drawn = { minU: Infinity, maxU: -Infinity, minV: Infinity, maxV: -Infinity };
          for (let v = 0; v < camera.imageHeightPx; v++) {
            for (let u = 0; u < camera.imageWidthPx; u++) {
              if (image.actorIds[v * camera.imageWidthPx + u] !== id) continue;
              drawn.minU = Math.min(drawn.minU, u + 0.5);
              drawn.maxU = Math.max(drawn.maxU, u + 0.5);
              drawn.minV = Math.min(drawn.minV, v + 0.5);
              drawn.maxV = Math.max(drawn.maxV, v + 0.5);
            }
          }
          // Pixel centres are sampled, so a drawn pixel lies within a pixel of the exact outline.
          const where = `${frame.name} ${camera.name} track ${cuboid.trackId}`;
          expect(drawn.minU, where).toBeGreaterThan(minU - 1);
          expect(drawn.maxU, where).toBeLessThan(maxU + 1);
          expect(drawn.minV, where).toBeGreaterThan(minV - 1);
          expect(drawn.maxV, where).toBeLessThan(maxV + 1);
          checked++;
        }
      });
    }
    expect(checked).toBeGreaterThan(10);
  });

  it("writes SUSTechPOINTS labels and calibration that read back to the same boxes and cameras", () => {
    const m = first.manifest;
    for (const frame of m.frames) {
      const path = `label/${frame.name}.json`;
      const boxes = parseSustechLabels(text(first.sustech.get(path), path), path);
      const expected = m.cuboids.filter((c) => c.frameName === frame.name);
      expect(boxes).toHaveLength(expected.length);
      boxes.forEach((b, i) => {
        expectSameBox(b, must(expected[i], `box ${i}`), 1e-9);
      });
      const pcd = must(first.sustech.get(`lidar/${frame.name}.pcd`), `${frame.name}.pcd`);
      const native = must(first.native.get(frame.lidarPath), frame.lidarPath);
      expect(Buffer.compare(Buffer.from(pcd), Buffer.from(native))).toBe(0);
    }
    for (const camera of m.cameras) {
      const path = `calib/camera/${camera.name}.json`;
      const parsed = parseSustechCalib(text(first.sustech.get(path), path), path, camera.name, camera);
      expect(parsed.intrinsics.fxPx).toBeCloseTo(camera.intrinsics.fxPx, 9);
      const p = transformPoint(parsed.cameraFromLidar, { x: 10, y: 2, z: -1 });
      const q = transformPoint(camera.cameraFromLidar, { x: 10, y: 2, z: -1 });
      expect(Math.hypot(p.x - q.x, p.y - q.y, p.z - q.z)).toBeLessThan(1e-9);
    }
  });

  it("writes KITTI tracking labels, calibration and sweeps that read back to the same boxes", () => {
    const m = first.manifest;
    const calibPath = "training/calib/0000.txt";
    const calib = parseKittiCalib(text(first.kitti.get(calibPath), calibPath), calibPath);
    const labelPath = "training/label_02/0000.txt";
    const labels = parseKittiTrackingLabels(text(first.kitti.get(labelPath), labelPath), labelPath);
    expect(labels).toHaveLength(m.cuboids.length);
    m.frames.forEach((frame, index) => {
      const expected = m.cuboids.filter((c) => c.frameName === frame.name);
      const read = labels.filter((l) => l.frame === index);
      expect(read).toHaveLength(expected.length);
      read.forEach((l, i) => {
        expectSameBox(boxLabelFromKitti(l, calib, String(l.trackId)), must(expected[i], `box ${i}`), 2e-6);
      });
      const bin = `training/velodyne/0000/${frame.name}.bin`;
      const native = decodePointCloud(
        must(first.native.get(frame.lidarPath), frame.lidarPath),
        frame.lidarPath,
      ).cloud;
      expect(decodePointCloud(must(first.kitti.get(bin), bin), bin).cloud.pointCount).toBe(native.pointCount);
      expect(first.kitti.has(`training/image_02/0000/${frame.name}.png`)).toBe(true);
    });
  });
});
