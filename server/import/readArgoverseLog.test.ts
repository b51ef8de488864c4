import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { describeRealData, realDataPath } from "../../scripts/testing/realData";
import { readSequenceFolder } from "./readSequenceFolder";
import { must } from "../../core/model/must";

const LOG = "argoverse1-tracking/app/test_dataset/0_drive_0064_sync/sample/argoverse";

describeRealData("Argoverse 1 log import", () => {
  it("detects the layout and reads 50 sweeps at 10 Hz with their poses, 3,188 boxes in 104 tracks", async () => {
    const { parsed } = await readSequenceFolder(realDataPath(LOG));
    expect(parsed.layout).toBe("argoverse");
    expect(parsed.frames).toHaveLength(50);
    expect(parsed.boxes).toHaveLength(3188);
    expect(parsed.tracks).toHaveLength(104);
    const dts = parsed.frames
      .slice(1)
      .map((f, i) => f.timestampUs - must(parsed.frames[i], "parsed.frames[i]").timestampUs);
    expect(Math.min(...dts)).toBeGreaterThan(95_000);
    expect(Math.max(...dts)).toBeLessThan(105_000);
    // World = the first sweep's ego frame; the ego drives about 50 m in these 5 s.
    expect(must(parsed.frames[0], "parsed.frames[0]").worldFromLidar.translationM).toEqual({
      x: 0,
      y: 0,
      z: 0,
    });
    const last = must(parsed.frames[49], "parsed.frames[49]").worldFromLidar.translationM;
    expect(Math.hypot(last.x, last.y)).toBeGreaterThan(30);
    expect(Math.hypot(last.x, last.y)).toBeLessThan(70);
    expect(parsed.frames[0]).toMatchObject({
      lidarFormat: "ply",
      lidarPath: "lidar/PC_315978406019574000.ply",
    });
    expect(new Set(parsed.boxes.map((b) => b.className))).toContain("VEHICLE");
  });
});

describe("Argoverse 1 log import: bad input", () => {
  let dir = "";
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const log = (files: Record<string, string>) => {
    dir = mkdtempSync(join(tmpdir(), "cuboidal-argo-"));
    for (const [rel, text] of Object.entries(files)) {
      mkdirSync(join(dir, rel, ".."), { recursive: true });
      writeFileSync(join(dir, rel), text);
    }
    return dir;
  };

  it("names the sweep whose pose is missing", async () => {
    log({ "lidar/PC_100.ply": "x", "lidar/PC_200.ply": "x", "poses/city_SE3_egovehicle_100.json": "{}" });
    await expect(readSequenceFolder(dir)).rejects.toThrow(
      /lidar\/PC_200\.ply: no poses\/city_SE3_egovehicle_200\.json/,
    );
  });

  it("names the pose file and the field that is wrong", async () => {
    log({ "lidar/PC_100.ply": "x", "poses/city_SE3_egovehicle_100.json": '{"rotation":[1,0,0,0]}' });
    await expect(readSequenceFolder(dir)).rejects.toThrow(
      /poses\/city_SE3_egovehicle_100\.json: at \.translation/,
    );
  });
});
