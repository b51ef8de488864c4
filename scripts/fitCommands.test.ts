import { describeRealData, REAL_DATA_DIR } from "./testing/realData";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";
import { loadScene } from "./lib/loadScene";
import { runScript } from "./testing/runScript";
import { must } from "../core/model/must";

const SCENE = `${REAL_DATA_DIR}/sustechpoints/data/example`;
const dir = mkdtempSync(join(tmpdir(), "fit-cli-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const run = runScript;

describeRealData("autofit / interpolate commands", () => {
  it("write one box per click, in order, in the issue's JSON format", () => {
    if (!existsSync(SCENE))
      throw new Error(`${SCENE} is missing: this test needs the real data in ../shared/data`);
    const frame = must(loadScene(SCENE).frames[1], "loadScene(SCENE).frames[1]");
    const clicks = frame.labels
      .slice(0, 3)
      .map((l) => ({ frame: frame.name, x: l.centerM.x, y: l.centerM.y, z: l.centerM.z }));
    writeFileSync(join(dir, "clicks.json"), JSON.stringify(clicks));
    const r = run("autofit", [
      "--scene",
      SCENE,
      "--clicks",
      join(dir, "clicks.json"),
      "--out",
      join(dir, "out.json"),
    ]);
    expect(r.status).toBe(0);
    const out = JSON.parse(readFileSync(join(dir, "out.json"), "utf8")) as Array<Record<string, unknown>>;
    expect(out).toHaveLength(3);
    for (const [i, box] of out.entries()) {
      expect(box.frame).toBe(frame.name);
      expect(box.provenance).toBe("auto-fit");
      expect(box.center).toHaveLength(3);
      expect(box.size).toHaveLength(3);
      expect(typeof box.yaw).toBe("number");
      const c = box.center as number[];
      expect(
        Math.hypot(
          must(c[0], "c[0]") - must(clicks[i], "clicks[i]").x,
          must(c[1], "c[1]") - must(clicks[i], "clicks[i]").y,
        ),
      ).toBeLessThan(3);
    }
  });

  it("refuses a bad input file, naming the file and the entry", () => {
    writeFileSync(
      join(dir, "bad.json"),
      JSON.stringify([{ trackId: "1", frame: "000965", center: [1, 2], size: [1, 1, 1], yaw: 0 }]),
    );
    const r = run("interpolate", [
      "--scene",
      SCENE,
      "--keyframes",
      join(dir, "bad.json"),
      "--out",
      join(dir, "x.json"),
    ]);
    expect(r.status).toBe(1);
    expect(r.output).toContain(`${join(dir, "bad.json")}: at [0][center]`);
    expect(run("propagate", ["--scene", SCENE]).status).toBe(2);
  });
});
