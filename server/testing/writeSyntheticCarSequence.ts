import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  NATIVE_FORMAT,
  NATIVE_FORMAT_VERSION,
  type NativeSequenceManifest,
} from "../../core/model/NativeSequenceManifest";
import { carSurfacePoints, groundPoints } from "../../core/prelabel/syntheticScene";

/**
 * A native sequence without labels whose sweeps hold a flat road and one car driving along x at
 * 10 m/s (1 m per 0.1 s frame), seen by a static lidar 1.8 m above the road: what the built-in
 * pre-labeler should find as one Car track. Binary PCD. Returns the folder (the caller removes it).
 */
export function writeSyntheticCarSequence(frames = 4): string {
  const dir = mkdtempSync(join(tmpdir(), "cuboidal-car-"));
  mkdirSync(join(dir, "lidar"));
  const ground = { z0: -1.8, slopeX: 0, slopeY: 0 };
  const m: NativeSequenceManifest = {
    format: NATIVE_FORMAT,
    formatVersion: NATIVE_FORMAT_VERSION,
    name: "synthetic car",
    lidarName: "lidar",
    cameras: [],
    frames: [],
    tracks: [],
    cuboids: [],
  };
  for (let f = 0; f < frames; f++) {
    const name = String(f).padStart(6, "0");
    const car = { x: 10 + f, y: 4, yawRad: 0, lengthM: 4.5, widthM: 1.85, heightM: 1.5 };
    const xyz = new Float32Array([...groundPoints(ground, 30), ...carSurfacePoints(ground, car)]);
    const n = xyz.length / 3;
    const header = `VERSION 0.7\nFIELDS x y z\nSIZE 4 4 4\nTYPE F F F\nCOUNT 1 1 1\nWIDTH ${n}\nHEIGHT 1\nVIEWPOINT 0 0 0 1 0 0 0\nPOINTS ${n}\nDATA binary\n`;
    writeFileSync(
      join(dir, `lidar/${name}.pcd`),
      Buffer.concat([Buffer.from(header), Buffer.from(xyz.buffer, xyz.byteOffset, xyz.byteLength)]),
    );
    m.frames.push({
      name,
      timestampUs: f * 100_000,
      worldFromLidar: { translationM: { x: 0, y: 0, z: 0 }, rotation: { w: 1, x: 0, y: 0, z: 0 } },
      lidarPath: `lidar/${name}.pcd`,
      imagePaths: {},
    });
  }
  writeFileSync(join(dir, "sequence.json"), JSON.stringify(m));
  return dir;
}
