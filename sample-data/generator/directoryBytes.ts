import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";

/** Total size in bytes of the files below a directory (what the 20 MB budget of default/ counts). */
export function directoryBytes(root: string): number {
  let total = 0;
  for (const entry of readdirSync(root, { withFileTypes: true })) {
    const p = join(root, entry.name);
    total += entry.isDirectory() ? directoryBytes(p) : statSync(p).size;
  }
  return total;
}
