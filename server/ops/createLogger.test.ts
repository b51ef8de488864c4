import { execFileSync, spawn } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../..");

describe("createLogger", () => {
  // Lines are written asynchronously; what is still buffered when the process exits must get out.
  it("writes every line logged before process.exit", () => {
    const script = `import { createLogger } from "./server/ops/createLogger.ts";
      const log = createLogger({ LOG_LEVEL: "info" });
      for (let i = 0; i < 2000; i++) log.info({ i }, "line");
      log.error("last words");
      process.exit(3);`;
    let stdout = "";
    try {
      execFileSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
        cwd: ROOT,
        encoding: "utf8",
      });
    } catch (e) {
      const failed = e as { status: number; stdout: string };
      expect(failed.status).toBe(3);
      stdout = failed.stdout;
    }
    const lines = stdout.trim().split("\n");
    expect(lines).toHaveLength(2001);
    expect(JSON.parse(lines.at(-1) ?? "{}")).toMatchObject({ level: 50, msg: "last words" });
  });

  // Lines gather into bigger writes; a lone line must still leave within LOG_FLUSH_MS, not wait for
  // more lines or the exit (a SIGKILL runs no exit handler).
  it("writes a lone line while the process runs on", async () => {
    const script = `import { createLogger } from "./server/ops/createLogger.ts";
      createLogger({ LOG_LEVEL: "info" }).info("alone");
      setInterval(() => {}, 1000);`;
    const child = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
      cwd: ROOT,
      stdio: ["ignore", "pipe", "inherit"],
    });
    let stdout = "";
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    const exited = new Promise((resolve) => child.on("exit", resolve));
    try {
      await expect.poll(() => stdout, { timeout: 20_000, interval: 50 }).toContain('"msg":"alone"');
    } finally {
      child.kill("SIGKILL");
      await exited;
    }
  });
});
