import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { i18n } from "../i18n/i18n";
import { SHORTCUTS } from "./shortcuts";

describe("client/SHORTCUTS.md", () => {
  it("lists every shortcut of the help overlay with its description", () => {
    const doc = readFileSync(new URL("../SHORTCUTS.md", import.meta.url), "utf8");
    const en = i18n.getFixedT("en");
    for (const s of SHORTCUTS.filter((x) => x.keys)) {
      expect(doc, `SHORTCUTS.md lacks "${s.keys}"`).toContain(
        `| \`${s.keys.replace(/\|/g, "\\|")}\` | ${en(s.descriptionKey, s.descriptionValues)} |`,
      );
    }
  });
});
