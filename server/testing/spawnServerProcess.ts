import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import { TEST_ADMIN_PASSWORD } from "./testAuth";
import { must } from "../../core/model/must";

export interface ServerProcess {
  child: ChildProcess;
  /** Everything the process wrote to stdout and stderr so far. */
  output(): string;
  /** Resolves with the first match of `pattern` in the output; rejects if the process exits first. */
  waitFor(pattern: RegExp): Promise<RegExpExecArray>;
  /** Resolves with the URL of the "ready at" line. */
  ready(): Promise<string>;
  exited: Promise<number | null>;
  /** SIGTERM and wait for the exit. */
  stop(): Promise<void>;
}

const repoRoot = path.resolve(import.meta.dirname, "../..");

/**
 * Starts the real server entry point (`server/main.ts`, as `npm start` runs it after the build) as its own
 * process. Defaults: a free port, the embedded store, no sample import, admin's password
 * TEST_ADMIN_PASSWORD; `env` overrides them (ADMIN_PASSWORD "" for a random, printed one).
 * SERVER_CPU_PROF_DIR (in this process's environment) writes each server's V8 CPU profile there on
 * exit (`node --cpu-prof`), e.g. to see where a save's CPU goes under `npm run -s bench:server`.
 */
export function spawnServerProcess(env: Record<string, string>): ServerProcess {
  const profDir = process.env.SERVER_CPU_PROF_DIR;
  const profile = profDir ? ["--cpu-prof", "--cpu-prof-dir", profDir] : [];
  const child = spawn(process.execPath, [...profile, "--import", "tsx", "server/main.ts"], {
    cwd: repoRoot,
    env: {
      ...process.env,
      PORT: "0",
      DATABASE_URL: "",
      SAMPLE_DIR: "none",
      ADMIN_PASSWORD: TEST_ADMIN_PASSWORD,
      // Vitest sets VITEST, which quiets the logger to "warn"; a spawned server reports its start.
      LOG_LEVEL: "info",
      ...env,
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
  must(child.stdout, "child.stdout").on("data", onData);
  must(child.stderr, "child.stderr").on("data", onData);
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const waitFor = (pattern: RegExp) =>
    new Promise<RegExpExecArray>((resolve, reject) => {
      const m = pattern.exec(output);
      if (m) return resolve(m);
      waiters.push({ pattern, resolve });
      exited.then((code) =>
        reject(new Error(`server exited (${code}) before ${pattern}; output:\n${output}`)),
      );
    });
  return {
    child,
    output: () => output,
    waitFor,
    ready: async () =>
      must((await waitFor(/ready at (http:\/\/\S+)/))[1], "(await waitFor(/ready at (http:\\/\\/\\S+)/))[1]"),
    exited,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      await exited;
    },
  };
}
