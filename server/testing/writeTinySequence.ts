import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  NATIVE_FORMAT,
  NATIVE_FORMAT_VERSION,
  type NativeSequenceManifest,
} from "../../core/model/NativeSequenceManifest";
import { must } from "../../core/model/must";

/**
 * A small native sequence on disk for API tests that need some frames and cuboids but not real
 * sweeps: `frames` frames with a few-hundred-byte PCD each, one cuboid per track per frame.
 * Returns the folder (the caller removes it).
 */
export function writeTinySequence(frames = 3, tracks = 2): string {
  const dir = mkdtempSync(join(tmpdir(), "cuboidal-tiny-"));
  mkdirSync(join(dir, "lidar"));
  const m: NativeSequenceManifest = {
    format: NATIVE_FORMAT,
    formatVersion: NATIVE_FORMAT_VERSION,
    name: "tiny",
    lidarName: "lidar",
    cameras: [],
    frames: [],
    tracks: [],
    cuboids: [],
  };
  for (let f = 0; f < frames; f++) {
    const name = String(f).padStart(6, "0");
    const points = Array.from({ length: 20 }, (_, i) => `${i * 0.5} ${f} 0.1`).join("\n");
    writeFileSync(
      join(dir, `lidar/${name}.pcd`),
      `VERSION 0.7\nFIELDS x y z\nSIZE 4 4 4\nTYPE F F F\nCOUNT 1 1 1\nWIDTH 20\nHEIGHT 1\nPOINTS 20\nDATA ascii\n${points}\n`,
    );
    m.frames.push({
      name,
      timestampUs: f * 100_000,
      worldFromLidar: { translationM: { x: f, y: 0, z: 0 }, rotation: { w: 1, x: 0, y: 0, z: 0 } },
      lidarPath: `lidar/${name}.pcd`,
      imagePaths: {},
    });
  }
  for (let t = 0; t < tracks; t++) {
    m.tracks.push({ trackId: `t${t}`, className: "Car", attributes: {} });
    for (let f = 0; f < frames; f++)
      m.cuboids.push({
        frameName: must(m.frames[f], "m.frames[f]").name,
        trackId: `t${t}`,
        centerM: { x: 10 + t * 5, y: f * 0.5, z: 0.8 },
        size: { lengthM: 4.5, widthM: 1.85, heightM: 1.55 },
        yawRad: 0.1 * t,
        pitchRad: 0,
        rollRad: 0,
        className: "Car",
        attributes: {},
      });
  }
  writeFileSync(join(dir, "sequence.json"), JSON.stringify(m));
  return dir;
}
