import { execFileSync } from "node:child_process";
import { rmSync } from "node:fs";
import path from "node:path";
import { clientBuildDir, repoRoot } from "./harness/clientBuildDir";

/** Builds the client once for all browser tests, as `npm start` does, into a temporary folder. */
export default function setup(): () => void {
  execFileSync(
    path.join(repoRoot, "node_modules/.bin/vite"),
    ["build", "--logLevel", "warn", "--outDir", clientBuildDir, "--emptyOutDir"],
    { cwd: repoRoot, stdio: "inherit" },
  );
  return () => rmSync(clientBuildDir, { recursive: true, force: true });
}
