import { execFileSync } from "node:child_process";
import path from "node:path";

/** Builds the client once for all browser tests, exactly as `npm start` does. */
export default function setup(): void {
  const root = path.resolve(import.meta.dirname, "..");
  execFileSync(path.join(root, "node_modules/.bin/vite"), ["build", "--logLevel", "warn"], {
    cwd: root,
    stdio: "inherit",
  });
}
