import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { IDENTITY_POSE } from "../../core/geometry/pose";
import {
  NATIVE_FORMAT,
  NATIVE_FORMAT_VERSION,
  type NativeSequenceManifest,
} from "../../core/model/NativeSequenceManifest";

/**
 * A native sequence without labels and without ego poses (every frame the identity) from the
 * sweeps given (x, y, z triples, lidar coordinates), frames 0.1 s apart, binary PCD. Returns the
 * folder (the caller removes it).
 */
export function writeSweepSequence(name: string, sweeps: readonly number[][]): string {
  const dir = mkdtempSync(join(tmpdir(), "cuboidal-sweeps-"));
  mkdirSync(join(dir, "lidar"));
  const m: NativeSequenceManifest = {
    format: NATIVE_FORMAT,
    formatVersion: NATIVE_FORMAT_VERSION,
    name,
    lidarName: "lidar",
    cameras: [],
    frames: [],
    tracks: [],
    cuboids: [],
  };
  for (const [f, points] of sweeps.entries()) {
    const frameName = String(f).padStart(6, "0");
    const xyz = new Float32Array(points);
    const n = xyz.length / 3;
    const header = `VERSION 0.7\nFIELDS x y z\nSIZE 4 4 4\nTYPE F F F\nCOUNT 1 1 1\nWIDTH ${n}\nHEIGHT 1\nVIEWPOINT 0 0 0 1 0 0 0\nPOINTS ${n}\nDATA binary\n`;
    writeFileSync(
      join(dir, `lidar/${frameName}.pcd`),
      Buffer.concat([Buffer.from(header), Buffer.from(xyz.buffer, xyz.byteOffset, xyz.byteLength)]),
    );
    m.frames.push({
      name: frameName,
      timestampUs: f * 100_000,
      worldFromLidar: IDENTITY_POSE,
      lidarPath: `lidar/${frameName}.pcd`,
      imagePaths: {},
    });
  }
  writeFileSync(join(dir, "sequence.json"), JSON.stringify(m));
  return dir;
}
