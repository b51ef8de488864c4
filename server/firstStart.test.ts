import { existsSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { type ServerProcess, spawnServerProcess } from "./testing/spawnServerProcess";
import { signInForToken, TEST_ADMIN_PASSWORD } from "./testing/testAuth";
import { tempDirsForFile } from "./testing/tempDirsForFile";
import { beforeAll, describe, expect, it } from "vitest";
import { must } from "../core/model/must";

const repoRoot = path.resolve(import.meta.dirname, "..");
const sampleDir = path.join(repoRoot, "sample-data/default");

function start(dataDir: string, clientDir: string): ServerProcess {
  return spawnServerProcess({ DATA_DIR: dataDir, CLIENT_DIR: clientDir, SAMPLE_DIR: sampleDir });
}

async function sequencesAt(url: string): Promise<Array<{ id: string; frameCount: number }>> {
  const auth = await signInForToken(url, "admin", TEST_ADMIN_PASSWORD);
  return (await (await fetch(`${url}/api/sequences`, { headers: auth })).json()) as Array<{
    id: string;
    frameCount: number;
  }>;
}

const manifest = () =>
  JSON.parse(readFileSync(path.join(sampleDir, "sequence.json"), "utf8")) as {
    frames: unknown[];
    cuboids: unknown[];
  };

const tempDir = tempDirsForFile();

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
    const url = await first.ready();
    expect(first.output()).toMatch(/imported the sample sequence/);
    const sequences = await sequencesAt(url);
    expect(sequences).toHaveLength(1);
    expect(must(sequences[0], "sequences[0]").frameCount).toBe(manifest().frames.length);
    await first.stop();

    const second = start(dataDir, clientDir);
    const url2 = await second.ready();
    expect(second.output()).not.toMatch(/importing|imported/);
    const again = await sequencesAt(url2);
    expect(again.map((s) => s.id)).toEqual([must(sequences[0], "sequences[0]").id]);
    await second.stop();
  });

  it("a SIGKILL during the first-start import leaves no half sequence; the next start finishes cleanly", async () => {
    const dataDir = tempDir("cuboidal-kill-");
    const doomed = start(dataDir, clientDir);
    // Kill inside the database phase, the last moment a half-written sequence could appear.
    await doomed.waitFor(/importing the sample sequence: writing the database/);
    doomed.child.kill("SIGKILL");
    await doomed.exited;

    const next = start(dataDir, clientDir);
    const url = await next.ready();
    const sequences = await sequencesAt(url);
    expect(sequences).toHaveLength(1);
    expect(must(sequences[0], "sequences[0]").frameCount).toBe(manifest().frames.length);
    const snapshot = (await (
      await fetch(`${url}/api/sequences/${must(sequences[0], "sequences[0]").id}/annotations`, {
        headers: await signInForToken(url, "admin", TEST_ADMIN_PASSWORD),
      })
    ).json()) as {
      cuboids: unknown[];
    };
    expect(snapshot.cuboids).toHaveLength(manifest().cuboids.length);
    await next.stop();
  });
});

describe("first start without ADMIN_PASSWORD", () => {
  it("creates admin with a random password, prints it once with the URL on 127.0.0.1, keeps it in a 0600 file", async () => {
    const dataDir = tempDir("cuboidal-admin-");
    const first = spawnServerProcess({ DATA_DIR: dataDir, CLIENT_DIR: clientDir, ADMIN_PASSWORD: "" });
    const url = await first.ready();
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const password = must(
      must(
        /created user \\?"admin\\?" with password (\S+)/.exec(first.output()),
        '/created user \\\\?"admin\\\\?" with password (\\S+)/.exec(fir...',
      )[1],
      '/created user \\\\?"admin\\\\?" with password (\\S+)/.exec(fir...',
    );
    const file = path.join(dataDir, "admin-password.txt");
    expect(readFileSync(file, "utf8").trim()).toBe(password);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect((await fetch(`${url}/api/sequences`)).status).toBe(401);
    const auth = await signInForToken(url, "admin", password);
    expect((await fetch(`${url}/api/sequences`, { headers: auth })).status).toBe(200);
    // The audit log records the peer address of the real socket.
    const audit = (await (await fetch(`${url}/api/audit?action=auth.sign-in`, { headers: auth })).json()) as {
      entries: Array<{ ip: string }>;
    };
    expect(must(audit.entries[0], "audit.entries[0]").ip).toMatch(/127\.0\.0\.1/);
    await first.stop();
    const second = spawnServerProcess({ DATA_DIR: dataDir, CLIENT_DIR: clientDir, ADMIN_PASSWORD: "" });
    await second.ready();
    expect(second.output()).not.toMatch(/created user/);
    await second.stop();
  });
});
