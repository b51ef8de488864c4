import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { nativeSequenceManifestSchema } from "../../core/model/NativeSequenceManifest";
import { createGenerator } from "./createGenerator";
import { directoryBytes } from "./directoryBytes";
import { DEFAULT_PRESET } from "./GeneratorOptions";
import { nativeFrameFiles, nativeFrameOf } from "./writeSequence";
import { must } from "../../core/model/must";

// The committed sequence that a new user sees on first start (regenerate: npm run sample-data).
const DIR = "sample-data/default";
const MAX_BYTES = 20 * 1024 * 1024;

const manifestPath = join(DIR, "sequence.json");
if (!existsSync(manifestPath)) throw new Error(`${manifestPath} is missing: run npm run sample-data`);
const raw = JSON.parse(readFileSync(manifestPath, "utf8"));
const generator = createGenerator(DEFAULT_PRESET);

describe("committed default sequence", () => {
  it("is a valid native sequence of at least 50 frames, every file present, within 20 MB", () => {
    const m = nativeSequenceManifestSchema.parse(raw);
    expect(m.frames.length).toBeGreaterThanOrEqual(50);
    expect(m.cameras.length).toBeGreaterThanOrEqual(2);
    for (const f of m.frames) {
      expect(existsSync(join(DIR, f.lidarPath)), f.lidarPath).toBe(true);
      for (const p of Object.values(f.imagePaths)) expect(existsSync(join(DIR, p)), p).toBe(true);
    }
    expect(directoryBytes(DIR)).toBeLessThanOrEqual(MAX_BYTES);
  });

  it("has the frames, cameras and boxes the generator produces for its seed", () => {
    expect(raw.name).toBe(DEFAULT_PRESET.name);
    expect(raw.cameras).toEqual(generator.cameras);
    const geometry = (c: Record<string, unknown>) => {
      const {
        groundTruth: _gt,
        attributes,
        ...rest
      } = c as { groundTruth: unknown; attributes: Record<string, unknown> };
      const { occlusion: _o, ...stable } = attributes;
      return { ...rest, attributes: stable };
    };
    const expectedCuboids: unknown[] = [];
    for (let i = 0; i < DEFAULT_PRESET.frames; i++) {
      const labels = generator.labelFrame(i);
      expect(raw.frames[i]).toEqual(nativeFrameOf(generator, labels));
      expectedCuboids.push(...labels.cuboids.map((c) => geometry(c)));
    }
    expect(raw.cuboids.map(geometry)).toEqual(expectedCuboids);
  });

  it("has frame 0's files and ground truth byte for byte as the generator renders them", () => {
    const frame = generator.renderFrame(0);
    for (const f of nativeFrameFiles(frame)) {
      const onDisk = readFileSync(join(DIR, f.path));
      expect(Buffer.compare(onDisk, Buffer.from(f.bytes)), f.path).toBe(0);
    }
    expect(raw.cuboids.filter((c: { frameName: string }) => c.frameName === frame.name)).toEqual(
      frame.cuboids,
    );
  });
});

describe("the default sequence's scripted cases", () => {
  const m = nativeSequenceManifestSchema.parse(raw);
  const role = (needle: string) => {
    const actor = generator.scene.actors.find((a) => a.role.includes(needle));
    if (!actor) throw new Error(`no actor with role "${needle}"`);
    return actor.trackId;
  };
  // One character per frame: "#" visible to the lidar, "." labelled but hidden, " " not labelled.
  const timeline = (trackId: string) =>
    m.frames
      .map((f) => {
        const c = m.cuboids.find((k) => k.frameName === f.name && k.trackId === trackId);
        return c ? ((c.groundTruth?.visibility ?? 0) > 0 ? "#" : ".") : " ";
      })
      .join("");

  it("has a pedestrian occluded for a while, then seen again", () => {
    expect(timeline(role("occluded"))).toMatch(/#{5,}\.{10,}#{5,}/);
  });

  it("has a car that enters and then leaves the lidar's view", () => {
    expect(timeline(role("enters and leaves"))).toMatch(/^\.{3,}#{10,}\.{10,}$/);
  });

  it("has a car that turns right by about 90°", () => {
    const trackId = role("turns");
    const worldYaw = m.cuboids
      .filter((c) => c.trackId === trackId)
      .map((c) => {
        const q = must(
          m.frames.find((f) => f.name === c.frameName),
          c.frameName,
        ).worldFromLidar.rotation;
        return c.yawRad + 2 * Math.atan2(q.z, q.w);
      });
    const turn = Math.atan2(
      Math.sin((worldYaw.at(-1) ?? NaN) - (worldYaw[0] ?? NaN)),
      Math.cos((worldYaw.at(-1) ?? NaN) - (worldYaw[0] ?? NaN)),
    );
    // A right turn of 90° relative to the road; the road's own curve adds ~0.1 rad over its run.
    expect(turn).toBeLessThan(-Math.PI / 2 + 0.05);
    expect(turn).toBeGreaterThan(-Math.PI / 2 - 0.2);
  });
});
