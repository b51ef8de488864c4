import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { literalStringsIn } from "./literalStrings";

const clientDir = new URL("..", import.meta.url).pathname;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) && !path.includes("/test/") ? [path] : [];
  });
}

/**
 * What may stay literal: key names as shown on keys, unit symbols, and the product name. Kept
 * small on purpose; a word people read belongs in client/i18n/*.json.
 */
const ALLOWED = new Set([
  "(G)",
  "(M)",
  "m",
  "s",
  "×",
  "Cuboidal", // the product name, the same in every language
  "x",
  "y",
  "z",
  // Key names on the review buttons (the same keys in every language, as in SHORTCUTS.md).
  "Y",
  "⇧Y",
  "Shift+Y",
  "B",
  "O",
  "Esc",
  "Enter",
  // …and on the predictions panel's.
  "J",
  "⇧J",
  "H",
  "⇧H",
  "L",
]);

describe("client components", () => {
  it("render no literal user-facing string: text comes from the message catalogues", () => {
    const problems: string[] = [];
    for (const file of sourceFiles(clientDir))
      for (const s of literalStringsIn(readFileSync(file, "utf8"), file, ALLOWED))
        problems.push(`${relative(clientDir, file)}:${s.line} ${s.where} "${s.text}"`);
    expect(problems).toEqual([]);
  });

  it("the scan finds JSX text, child literals, user-facing props and notices", () => {
    const src = `
      const a = <p title="Hover me" data-testid="not-text">Hello {ok ? "Yes" : t("k.no")} {t("k.x")}</p>;
      const b = <input placeholder={\`type \${n}\`} aria-label={t("k.y")} />;
      store.update({ notice: "Saved it" });
      window.prompt("New name");
      const c = <kbd>(G)</kbd>;
    `;
    const texts = literalStringsIn(src, "x.tsx", ALLOWED).map((s) => `${s.where} ${s.text}`);
    expect(texts).toEqual([
      "title= Hover me",
      "JSX text Hello",
      "JSX child Yes",
      "placeholder= type",
      "notice: Saved it",
      "prompt() New name",
    ]);
  });
});
