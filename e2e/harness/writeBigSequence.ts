import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { IDENTITY_QUAT } from "../../core/geometry/quat";
import {
  NATIVE_FORMAT,
  NATIVE_FORMAT_VERSION,
  type NativeSequenceManifest,
} from "../../core/model/NativeSequenceManifest";
import { encodePcd } from "../../workers/encode/encodePcd";

/**
 * Writes a native-layout sequence of `frameCount` lidar-only frames of `pointsPerFrame` points each
 * (rings of ground returns plus walls, varying per frame), for load-time measurements. Deterministic.
 */
export function writeBigSequence(frameCount: number, pointsPerFrame: number): string {
  const dir = mkdtempSync(path.join(tmpdir(), "cuboidal-big-"));
  mkdirSync(path.join(dir, "lidar"));
  const frames: NativeSequenceManifest["frames"] = [];
  for (let f = 0; f < frameCount; f++) {
    const positions = new Float32Array(pointsPerFrame * 3);
    const intensity = new Float32Array(pointsPerFrame);
    for (let i = 0; i < pointsPerFrame; i++) {
      const azimuthRad = (i * 2.399963) % (2 * Math.PI); // golden angle spreads points evenly
      const rangeM = 3 + ((i * 7919) % 100_000) / 1000 + f * 0.5;
      const wall = i % 5 === 0;
      positions[i * 3] = Math.cos(azimuthRad) * rangeM;
      positions[i * 3 + 1] = Math.sin(azimuthRad) * rangeM;
      positions[i * 3 + 2] = wall ? ((i % 97) / 97) * 4 - 1.7 : -1.7;
      intensity[i] = (i % 255) / 255;
    }
    const name = String(f).padStart(6, "0");
    const cloud = {
      pointCount: pointsPerFrame,
      positions,
      originM: { x: 0, y: 0, z: 0 },
      attributes: { intensity: { values: intensity, components: 1 } },
    };
    writeFileSync(path.join(dir, "lidar", `${name}.pcd`), encodePcd(cloud, "binary"));
    frames.push({
      name,
      timestampUs: f * 100_000,
      worldFromLidar: { translationM: { x: f * 1.0, y: 0, z: 0 }, rotation: IDENTITY_QUAT },
      lidarPath: `lidar/${name}.pcd`,
      imagePaths: {},
    });
  }
  const manifest: NativeSequenceManifest = {
    format: NATIVE_FORMAT,
    formatVersion: NATIVE_FORMAT_VERSION,
    name: `big-${pointsPerFrame}`,
    lidarName: "lidar",
    cameras: [],
    frames,
    tracks: [],
    cuboids: [],
  };
  writeFileSync(path.join(dir, "sequence.json"), JSON.stringify(manifest));
  return dir;
}
