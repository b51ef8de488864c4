import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { type Catalogue, flattenCatalogue, keysUsedIn, pluralBase, variablesOf } from "./catalogueKeys";
import en from "./en.json";
import zhCN from "./zh-CN.json";

const clientDir = new URL("..", import.meta.url).pathname;
const catalogues = { en: flattenCatalogue(en as Catalogue), "zh-CN": flattenCatalogue(zhCN as Catalogue) };

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

const has = (cat: Map<string, string>, key: string) => cat.has(key) || cat.has(`${key}_other`);

describe("message catalogues (client/i18n/*.json)", () => {
  it("hold every key the client code uses", () => {
    const missing: string[] = [];
    let used = 0;
    for (const file of sourceFiles(clientDir)) {
      for (const key of keysUsedIn(readFileSync(file, "utf8"), new Set(Object.keys(en)))) {
        used++;
        for (const [lang, cat] of Object.entries(catalogues))
          if (!has(cat, key)) missing.push(`${relative(clientDir, file)}: "${key}" missing in ${lang}.json`);
      }
    }
    expect(used).toBeGreaterThan(20); // the scan finds the keys at all
    expect(missing).toEqual([]);
  });

  it("have the same keys (plural forms aside); Chinese uses no {{variable}} English lacks", () => {
    const base = (cat: Map<string, string>) => [...new Set([...cat.keys()].map(pluralBase))].sort();
    expect(base(catalogues["zh-CN"])).toEqual(base(catalogues.en));
    const mismatched: string[] = [];
    for (const [key, message] of catalogues.en) {
      const zh = catalogues["zh-CN"].get(key) ?? catalogues["zh-CN"].get(`${pluralBase(key)}_other`);
      if (zh === undefined) continue; // a plural form Chinese does not have
      const vars = (m: string) => variablesOf(m).filter((v) => v !== "count");
      // A translation may leave out an English-only detail, never use a value the code does not pass.
      if (!vars(zh).every((v) => vars(message).includes(v))) mismatched.push(key);
    }
    expect(mismatched).toEqual([]);
  });

  it("have no empty message and no English left in the Chinese one", () => {
    const problems: string[] = [];
    for (const [key, message] of catalogues["zh-CN"]) {
      if (!message.trim()) problems.push(`${key}: empty`);
      // Words of 4+ Latin letters outside {{variables}}, <code>, tags and the allowed terms are untranslated.
      const text = message.replace(/<code>[^<]*<\/code>|\{\{[^}]*\}\}|<\/?\w+\s*\/?>/g, "");
      for (const word of text.match(/[A-Za-z]{4,}/g) ?? [])
        if (!ALLOWED_LATIN.has(word)) problems.push(`${key}: "${word}"`);
    }
    for (const [key, message] of catalogues.en) if (!message.trim()) problems.push(`en ${key}: empty`);
    expect(problems).toEqual([]);
  });

  it("find keys in t(), <Trans i18nKey>, …Key fields and literals of a catalogue section", () => {
    const src = `t("a.b"); <Trans i18nKey="c.d" />; { labelKey: "e.f" }; t(x); { saved: "save.ok" }; "x.y"`;
    expect(keysUsedIn(src, new Set(["save"])).sort()).toEqual(["a.b", "c.d", "e.f", "save.ok"]);
  });
});

/** Latin words a Chinese annotation UI keeps: key names, formats, acronyms. */
const ALLOWED_LATIN = new Set([
  "Ctrl",
  "Shift",
  "Enter",
  "Space",
  "Delete",
  "Backspace",
  "Home",
  "JSON",
  "OpenLABEL",
  "KITTI",
  "nuScenes",
  "LiDAR",
  "Lidar",
  "HTTP",
  "Cuboidal",
  "SUSTechPOINTS",
  "Argoverse",
  "auth",
  "Authorization",
  "Bearer",
]);
