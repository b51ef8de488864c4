import { execFileSync } from "node:child_process";

/** Runs `npm run -s NAME -- ARGS` the way npm does (node --import tsx scripts/NAME.ts); its exit status and output (stderr on failure). */
export function runScript(script: string, args: string[]): { status: number; output: string } {
  try {
    const output = execFileSync(process.execPath, ["--import", "tsx", `scripts/${script}.ts`, ...args], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
    });
    return { status: 0, output };
  } catch (error) {
    const e = error as { status: number; stderr: string };
    return { status: e.status, output: e.stderr };
  }
}
