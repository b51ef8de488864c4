import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const repoRoot = path.resolve(import.meta.dirname, "..");
const sampleDir = path.join(repoRoot, "sample-data/default");
const READY = /ready at (http:\/\/\S+)/;

interface Started {
  child: ChildProcess;
  output: () => string;
  waitFor: (pattern: RegExp) => Promise<RegExpExecArray>;
  exited: Promise<number | null>;
}

function start(dataDir: string, clientDir: string): Started {
  const child = spawn(process.execPath, ["--import", "tsx", "server/main.ts"], {
    cwd: repoRoot,
    env: {
      ...process.env,
      PORT: "0",
      DATA_DIR: dataDir,
      DATABASE_URL: "",
      CLIENT_DIR: clientDir,
      SAMPLE_DIR: sampleDir,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const waiters: Array<{ pattern: RegExp; resolve: (m: RegExpExecArray) => void }> = [];
  const onData = (chunk: Buffer) => {
    output += chunk.toString();
    for (const w of waiters.splice(0)) {
      const m = w.pattern.exec(output);
      if (m) w.resolve(m);
      else waiters.push(w);
    }
  };
  child.stdout!.on("data", onData);
  child.stderr!.on("data", onData);
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return {
    child,
    output: () => output,
    exited,
    waitFor: (pattern) =>
      new Promise((resolve, reject) => {
        const m = pattern.exec(output);
        if (m) return resolve(m);
        waiters.push({ pattern, resolve });
        exited.then((code) =>
          reject(new Error(`server exited (${code}) before ${pattern}; output:\n${output}`)),
        );
      }),
  };
}

async function stop(s: Started): Promise<void> {
  s.child.kill("SIGTERM");
  await s.exited;
}

const manifest = () =>
  JSON.parse(readFileSync(path.join(sampleDir, "sequence.json"), "utf8")) as {
    frames: unknown[];
    cuboids: unknown[];
  };

const tempDirs: string[] = [];
const tempDir = (prefix: string) => {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  tempDirs.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

let clientDir: string;
beforeAll(() => {
  if (!existsSync(path.join(sampleDir, "sequence.json"))) {
    throw new Error(
      `the sample sequence is missing at ${sampleDir}: generate it with "npm run -s sample-data"`,
    );
  }
  clientDir = tempDir("cuboidal-client-");
  writeFileSync(path.join(clientDir, "index.html"), "<!doctype html><title>test</title>");
});

describe("first start", () => {
  it("imports the sample once; a second start reuses DATA_DIR and imports nothing", async () => {
    const dataDir = tempDir("cuboidal-first-");
    const first = start(dataDir, clientDir);
    const url = (await first.waitFor(READY))[1]!;
    expect(first.output()).toMatch(/imported the sample sequence/);
    const sequences = (await (await fetch(`${url}/api/sequences`)).json()) as Array<{
      id: string;
      frameCount: number;
    }>;
    expect(sequences).toHaveLength(1);
    expect(sequences[0]!.frameCount).toBe(manifest().frames.length);
    await stop(first);

    const second = start(dataDir, clientDir);
    const url2 = (await second.waitFor(READY))[1]!;
    expect(second.output()).not.toMatch(/importing|imported/);
    const again = (await (await fetch(`${url2}/api/sequences`)).json()) as Array<{ id: string }>;
    expect(again.map((s) => s.id)).toEqual([sequences[0]!.id]);
    await stop(second);
  });

  it("a SIGKILL during the first-start import leaves no half sequence; the next start finishes cleanly", async () => {
    const dataDir = tempDir("cuboidal-kill-");
    const doomed = start(dataDir, clientDir);
    // Kill inside the database phase, the last moment a half-written sequence could appear.
    await doomed.waitFor(/importing the sample sequence: writing the database/);
    doomed.child.kill("SIGKILL");
    await doomed.exited;

    const next = start(dataDir, clientDir);
    const url = (await next.waitFor(READY))[1]!;
    const sequences = (await (await fetch(`${url}/api/sequences`)).json()) as Array<{
      id: string;
      frameCount: number;
    }>;
    expect(sequences).toHaveLength(1);
    expect(sequences[0]!.frameCount).toBe(manifest().frames.length);
    const snapshot = (await (await fetch(`${url}/api/sequences/${sequences[0]!.id}/annotations`)).json()) as {
      cuboids: unknown[];
    };
    expect(snapshot.cuboids).toHaveLength(manifest().cuboids.length);
    await stop(next);
  });
});
