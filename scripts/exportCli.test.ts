import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { NUSCENES_TABLES, parseNuscenesTables } from "../core/formats/parseNuscenesTables";
import { parseOpenLabel } from "../core/formats/parseOpenLabel";
import { writeTinySequence } from "../server/testing/writeTinySequence";
import { runScript } from "./testing/runScript";
import { must } from "../core/model/must";

// Issue #17: every export runs from the CLI (npm run -s export -- --sequence ID --format F --out DIR)
// against the store `npm run import` filled; the files are the format's (read back by its reader).
const dir = mkdtempSync(join(tmpdir(), "export-cli-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
process.env.DATA_DIR = join(dir, "data");

describe("npm run export", () => {
  // Two spawned processes, each opening the embedded database: slow on a loaded machine. The CLI
  // is one call of exportSequence for every format (their files are tested in server/export).
  it("writes OpenLABEL and nuScenes from the CLI for a sequence npm run import stored", {
    timeout: 300_000,
  }, () => {
    const imported = runScript("import", [writeTinySequence(3, 2), "--name", "Cli drive"]);
    expect(imported.status, imported.output).toBe(0);
    const { sequenceId } = JSON.parse(
      must(imported.output.trim().split("\n").at(-1), 'imported.output.trim().split("\\n").at(-1)'),
    ) as { sequenceId: string };
    for (const format of ["openlabel", "nuscenes"] as const) {
      const out = join(dir, format);
      const r = runScript("export", ["--sequence", sequenceId, "--format", format, "--out", out]);
      expect(r.status, `${format}: ${r.output}`).toBe(0);
      expect(
        JSON.parse(must(r.output.trim().split("\n").at(-1), 'r.output.trim().split("\\n").at(-1)')),
      ).toMatchObject({
        sequenceId,
        format,
        frames: 3,
        cuboids: 6,
      });
    }
    const ol = parseOpenLabel(readFileSync(join(dir, "openlabel/openlabel.json"), "utf8"), "openlabel.json");
    expect([ol.name, ol.frames.length, ol.cuboids.length]).toEqual(["Cli drive", 3, 6]);
    const table = (t: string) =>
      JSON.parse(readFileSync(join(dir, "nuscenes/v1.0-cuboidal", `${t}.json`), "utf8"));
    const names = [...NUSCENES_TABLES, "attribute"] as const;
    const ns = parseNuscenesTables(Object.fromEntries(names.map((t) => [t, table(t)])) as never, (t) => t);
    expect([ns.frames.length, ns.cuboids.length]).toEqual([3, 6]);

    const unknown = runScript("export", [
      "--sequence",
      sequenceId,
      "--format",
      "las",
      "--out",
      join(dir, "x"),
    ]);
    expect(unknown.status).toBe(1);
    expect(unknown.output).toMatch(/unknown --format las; usage: npm run -s export/);
  });
});
