import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/** Every non-test source file under `dir`. */
function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name))
    .map((e) => path.join(e.parentPath, e.name));
}

// biome's noRestrictedImports cannot tell a type import from a value import, so this rule of the
// layers (CONTRIBUTING.md) is checked here: the browser bundle must never pull server code in.
describe("the client's imports from the server", () => {
  it("are type-only", () => {
    const offending: string[] = [];
    for (const file of sources(path.join(import.meta.dirname)))
      for (const m of readFileSync(file, "utf8").matchAll(/^import\s+(type\s+)?[^;]*?from\s+"([^"]+)"/gms))
        if (!m[1] && m[2]?.includes("/server/")) offending.push(`${file}: ${m[0].split("\n")[0]}`);
    expect(offending).toEqual([]);
  });
});
