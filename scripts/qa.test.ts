import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { QA_KINDS } from "../core/qa/QaFinding";
import { runScript } from "./testing/runScript";

const SAMPLE = "sample-data/default";
const dir = mkdtempSync(join(tmpdir(), "qa-cli-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const qa = (args: string[]) => runScript("qa", args);

describe("npm run qa", () => {
  it("writes [{frame, trackId, kind, severity, message}] with the scene's frame ids and label ids", () => {
    // The sample sequence with one box turned into a Truck inside its Car track.
    const scene = join(dir, "scene");
    mkdirSync(scene, { recursive: true });
    symlinkSync(resolve(SAMPLE, "lidar"), join(scene, "lidar"));
    const manifest = JSON.parse(readFileSync(join(SAMPLE, "sequence.json"), "utf8"));
    const target = manifest.cuboids.find(
      (c: { frameName: string; trackId: string }) => c.frameName === "000020" && c.trackId === "1",
    );
    target.className = "Truck";
    writeFileSync(join(scene, "sequence.json"), JSON.stringify(manifest));
    const out = join(dir, "flags.json");
    const r = qa(["--scene", scene, "--out", out]);
    expect(r.status).toBe(0);
    expect(r.output).toMatch(/findings on 2416 boxes in 50 frames/);
    const rows = JSON.parse(readFileSync(out, "utf8")) as Array<Record<string, string>>;
    expect(rows).toContainEqual({
      frame: "000020",
      trackId: "1",
      kind: "class-change",
      severity: "error",
      message: "class Truck, the track is a Car",
    });
    const frames = new Set(manifest.frames.map((f: { name: string }) => f.name));
    for (const row of rows) {
      expect(frames.has(row.frame)).toBe(true);
      expect(QA_KINDS).toContain(row.kind);
      expect(["error", "warning", "info"]).toContain(row.severity);
    }
  });

  it("says what is wrong with bad input, and writes nothing", () => {
    const out = join(dir, "never.json");
    expect(qa(["--scene", join(dir, "nowhere"), "--out", out])).toEqual({
      status: 1,
      output: expect.stringMatching(/nowhere: no such folder/),
    });
    expect(qa(["--scene", dir, "--out", out])).toEqual({
      status: 1,
      output: expect.stringMatching(/not a scene: expected sequence.json/),
    });
    expect(qa(["--scene", SAMPLE])).toEqual({ status: 2, output: expect.stringMatching(/usage:/) });
    expect(qa(["--scene", SAMPLE, "--out", out, "--frames", "3"])).toEqual({
      status: 2,
      output: expect.stringMatching(/Unknown option '--frames'/),
    });
    expect(() => readFileSync(out)).toThrow(/ENOENT/);
  });
});
