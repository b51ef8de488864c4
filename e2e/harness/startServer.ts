import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { type ServerProcess, spawnServerProcess } from "../../server/testing/spawnServerProcess";
import { clientBuildDir } from "./clientBuildDir";

export interface RunningServer {
  url: string;
  dataDir: string;
  process: ServerProcess;
  /** SIGTERM and wait for exit. */
  stop(): Promise<void>;
  /** Stop, then remove the data directory. */
  dispose(): Promise<void>;
}

/**
 * Starts `server/main.ts` as its own process (the real thing, as `npm start` runs it, without the client
 * build, which globalSetup did) on a free port with a fresh DATA_DIR unless one is given, importing the
 * sample sequence (SAMPLE_DIR in `env` overrides it).
 */
export async function startServer(
  options: { dataDir?: string; env?: Record<string, string> } = {},
): Promise<RunningServer> {
  const dataDir = options.dataDir ?? mkdtempSync(path.join(tmpdir(), "cuboidal-e2e-"));
  const server = spawnServerProcess({
    DATA_DIR: dataDir,
    CLIENT_DIR: clientBuildDir,
    SAMPLE_DIR: "sample-data/default",
    ...options.env,
  });
  const url = await server.ready();
  return {
    url,
    dataDir,
    process: server,
    stop: server.stop,
    dispose: async () => {
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
