import { readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { EXPORT_FORMATS } from "../../core/api/exportFormats";
import { DEFAULT_CLASSES } from "../../core/model/defaultClasses";
import { importSequence } from "../import/importSequence";
import { tempDirsForFile } from "../testing/tempDirsForFile";
import { testStoreKinds } from "../testing/testStores";
import { useTestDeps } from "../testing/useTestDeps";
import { writeTinySequence } from "../testing/writeTinySequence";
import { exportSequence } from "./exportSequence";

const tempDir = tempDirsForFile();

function textOfFiles(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) for (const [p, s] of textOfFiles(path)) out.set(p, s);
    else if (/\.(json|txt|csv)$/.test(name)) out.set(path, readFileSync(path, "utf8"));
  }
  return out;
}

describe.each(testStoreKinds())("exports with per-language display names on $name", (kind) => {
  const t = useTestDeps(kind);

  it("keep the canonical class names in every format; display names are only catalogue data", async () => {
    const src = writeTinySequence(3, 2); // boxes of class "Car"
    const { sequenceId } = await importSequence(t.deps, src);
    rmSync(src, { recursive: true, force: true });
    const classes = DEFAULT_CLASSES.map((c) =>
      c.name === "Car" ? { ...c, displayNames: { "zh-CN": "小汽车显示名", en: "Automobile-Display" } } : c,
    );
    const { project_id } = await t.deps.store.db
      .selectFrom("sequences")
      .select("project_id")
      .where("id", "=", sequenceId)
      .executeTakeFirstOrThrow();
    await t.deps.store.db
      .updateTable("projects")
      .set({ classes: JSON.stringify(classes) })
      .where("id", "=", project_id)
      .execute();

    for (const format of EXPORT_FORMATS) {
      const out = tempDir(`cuboidal-export-${format}-`);
      await exportSequence(t.deps, sequenceId, format, out);
      const files = textOfFiles(out);
      const all = [...files.values()].join("\n");
      expect(all, `${format} holds the canonical name`).toMatch(/Car/);
      for (const [path, text] of files) {
        if (format === "native" && path.endsWith("sequence.json")) {
          // The native format carries the catalogue whole, display names included, and labels by name.
          const manifest = JSON.parse(text) as { cuboids: Array<{ className: string }> };
          expect(new Set(manifest.cuboids.map((c) => c.className))).toEqual(new Set(["Car"]));
          continue;
        }
        expect(text, `${format}: ${path}`).not.toMatch(/小汽车显示名|Automobile-Display/);
      }
    }
  });
});
