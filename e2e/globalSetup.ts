import { execFileSync } from "node:child_process";
import { rmSync } from "node:fs";
import path from "node:path";
import { clientBuildDir, repoRoot } from "./harness/clientBuildDir";

/**
 * Builds the client once for all browser tests, as `npm start` does, into a temporary folder; with
 * VITE_COUNT_RENDERS=1, which only makes components count their renders (client/app/countRender.ts).
 */
export default function setup(): () => void {
  execFileSync(
    path.join(repoRoot, "node_modules/.bin/vite"),
    ["build", "--logLevel", "warn", "--outDir", clientBuildDir, "--emptyOutDir"],
    { cwd: repoRoot, stdio: "inherit", env: { ...process.env, VITE_COUNT_RENDERS: "1" } },
  );
  return () => rmSync(clientBuildDir, { recursive: true, force: true });
}
