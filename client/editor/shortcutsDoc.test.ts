import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { SHORTCUTS } from "./shortcuts";

describe("client/SHORTCUTS.md", () => {
  it("lists every shortcut of the help overlay with its description", () => {
    const doc = readFileSync(new URL("../SHORTCUTS.md", import.meta.url), "utf8");
    for (const s of SHORTCUTS.filter((x) => x.keys)) {
      expect(doc, `SHORTCUTS.md lacks "${s.keys}"`).toContain(
        `| \`${s.keys.replace(/\|/g, "\\|")}\` | ${s.description} |`,
      );
    }
  });
});
