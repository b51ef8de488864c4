import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  NATIVE_FORMAT,
  NATIVE_FORMAT_VERSION,
  type NativeSequenceManifest,
} from "../../core/model/NativeSequenceManifest";
import type { ServerDeps } from "../ServerDeps";
import { getSequenceDetail } from "../store/getSequenceDetail";
import { readAnnotations } from "../store/readAnnotations";
import { testStoreKinds } from "../testing/testStores";
import { useTestDeps } from "../testing/useTestDeps";
import { importSequence } from "./importSequence";
import { must } from "../../core/model/must";

const pose = { translationM: { x: 1, y: 2, z: 0 }, rotation: { w: 1, x: 0, y: 0, z: 0 } };
const camera = {
  name: "front",
  imageWidthPx: 64,
  imageHeightPx: 48,
  intrinsics: { fxPx: 50, fyPx: 50, cxPx: 32, cyPx: 24, skew: 0 },
  distortion: { model: "kannala-brandt" as const, k1: 0.1, k2: 0, k3: 0, k4: 0 },
  cameraFromLidar: { translationM: { x: 0, y: 0, z: 0 }, rotation: { w: 0.5, x: -0.5, y: 0.5, z: -0.5 } },
};
const manifest = (over: Partial<NativeSequenceManifest> = {}): NativeSequenceManifest => ({
  format: NATIVE_FORMAT,
  formatVersion: NATIVE_FORMAT_VERSION,
  name: "tiny",
  lidarName: "top",
  cameras: [camera],
  frames: [
    {
      name: "f0",
      timestampUs: 1_000_000,
      worldFromLidar: pose,
      lidarPath: "lidar/f0.pcd",
      imagePaths: { front: "camera/front/f0.png" },
    },
    { name: "f1", timestampUs: 1_100_000, worldFromLidar: pose, lidarPath: "lidar/f1.pcd", imagePaths: {} },
  ],
  tracks: [{ trackId: "t1", className: "Car", attributes: {} }],
  cuboids: [
    {
      frameName: "f1",
      trackId: "t1",
      centerM: { x: 5, y: 0, z: 0.8 },
      size: { lengthM: 4, widthM: 1.8, heightM: 1.5 },
      yawRad: 0.3,
      pitchRad: 0,
      rollRad: 0,
      className: "Car",
      attributes: { parked: true },
    },
  ],
  ...over,
});

/** A 1×1 PNG header is all the importer reads of an image. */
// A PNG signature, IHDR (64×48) and IEND: what the importer reads of an image.
const PNG = Buffer.from(
  "89504e470d0a1a0a0000000d49484452000000400000003008060000000000000000" + "0000000049454e44ae426082",
  "hex",
);

describe.each(testStoreKinds())("native layout on $name", (kind) => {
  const t = useTestDeps(kind);
  let deps: ServerDeps;
  let dir: string;
  beforeEach(() => {
    deps = t.deps;
    dir = mkdtempSync(join(tmpdir(), "cuboidal-native-"));
    mkdirSync(join(dir, "lidar"));
    mkdirSync(join(dir, "camera/front"), { recursive: true });
    writeFileSync(
      join(dir, "lidar/f0.pcd"),
      "VERSION 0.7\nFIELDS x y z\nSIZE 4 4 4\nTYPE F F F\nCOUNT 1 1 1\nWIDTH 1\nHEIGHT 1\nPOINTS 1\nDATA ascii\n1 2 3\n",
    );
    writeFileSync(
      join(dir, "lidar/f1.pcd"),
      "VERSION 0.7\nFIELDS x y z\nSIZE 4 4 4\nTYPE F F F\nCOUNT 1 1 1\nWIDTH 0\nHEIGHT 1\nPOINTS 0\nDATA ascii\n",
    );
    writeFileSync(join(dir, "camera/front/f0.png"), PNG);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("imports frames, poses, cameras (fisheye) and cuboids as written", async () => {
    writeFileSync(join(dir, "sequence.json"), JSON.stringify(manifest()));
    const r = await importSequence(deps, dir, { sourceKey: "sample:test" });
    expect(r).toMatchObject({ frames: 2, cuboids: 1, tracks: 1 });
    const d = must(
      await getSequenceDetail(deps.store, r.sequenceId),
      "await getSequenceDetail(deps.store, r.sequenceId)",
    );
    expect(d).toMatchObject({ name: "tiny", lidarName: "top", cameras: [camera] });
    expect(d.frames[1]).toMatchObject({
      name: "f1",
      timestampUs: 1_100_000,
      worldFromLidar: pose,
      lidarFormat: "pcd",
    });
    const snap = must(
      await readAnnotations(deps.store, r.sequenceId),
      "await readAnnotations(deps.store, r.sequenceId)",
    );
    expect(snap.cuboids[0]).toMatchObject({
      frameIndex: 1,
      yawRad: 0.3,
      attributes: { parked: true },
      provenance: "imported",
    });
    await expect(importSequence(deps, dir, { sourceKey: "sample:test" })).rejects.toThrow(/already imported/);
  });

  it("refuses manifest paths that leave the folder and cuboids on unknown frames or tracks", async () => {
    const f = manifest().frames;
    const cases: Array<[NativeSequenceManifest, RegExp]> = [
      [
        manifest({ frames: [{ ...must(f[0], "f[0]"), lidarPath: "../../etc/passwd" }] }),
        /frames\[0\]\.lidarPath: path "\.\.\/\.\.\/etc\/passwd" leaves the sequence folder/,
      ],
      [
        manifest({ frames: [{ ...must(f[0], "f[0]"), lidarPath: "/etc/passwd" }] }),
        /leaves the sequence folder/,
      ],
      [
        manifest({ frames: [must(f[0], "f[0]")] }),
        /cuboids\[0\] references frame f1, which is not in frames/,
      ],
      [manifest({ tracks: [] }), /cuboids\[0\] references track t1, which is not in tracks/],
      [
        manifest({ frames: [{ ...must(f[0], "f[0]"), lidarPath: "lidar/missing.pcd" }, must(f[1], "f[1]")] }),
        /lidar\/missing\.pcd: missing/,
      ],
    ];
    for (const [m, message] of cases) {
      writeFileSync(join(dir, "sequence.json"), JSON.stringify(m));
      await expect(importSequence(deps, dir)).rejects.toThrow(message);
    }
    writeFileSync(join(dir, "sequence.json"), "{");
    await expect(importSequence(deps, dir)).rejects.toThrow(/sequence\.json: not valid JSON/);
  });
});
