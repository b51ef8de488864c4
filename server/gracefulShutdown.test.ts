import { writeFileSync } from "node:fs";
import path from "node:path";
import { expect, it } from "vitest";
import type { HistoryPage } from "./store/readHistory";
import { spawnServerProcess } from "./testing/spawnServerProcess";
import { tempDirsForFile } from "./testing/tempDirsForFile";
import { signInForToken, TEST_ADMIN_PASSWORD } from "./testing/testAuth";
import { importTinyOverHttp } from "./testing/importTinyOverHttp";

const tempDir = tempDirsForFile();

it("SIGTERM lets a save in flight finish and acknowledges it, then exits 0", async () => {
  const clientDir = tempDir("cuboidal-client-");
  writeFileSync(path.join(clientDir, "index.html"), "<!doctype html><title>test</title>");
  const env = { DATA_DIR: tempDir("cuboidal-graceful-"), CLIENT_DIR: clientDir, SHUTDOWN_GRACE_MS: "60000" };
  const server = spawnServerProcess(env);
  const url = await server.ready();
  const auth = await signInForToken(url, "admin", TEST_ADMIN_PASSWORD);
  const { sequenceId, snap } = await importTinyOverHttp(url, auth, 30, 40);
  // A save of 1,200 cuboids: long enough to be in flight when the signal comes.
  const save = fetch(`${url}/api/sequences/${sequenceId}/annotations/batches`, {
    method: "POST",
    headers: { ...auth, "Content-Type": "application/json" },
    body: JSON.stringify({
      batchId: "big-save-1",
      baseRevision: snap.revision,
      operations: snap.cuboids.map((c) => ({
        op: "putCuboid",
        cuboid: { ...c, centerM: { ...c.centerM, z: 7 } },
      })),
    }),
  });
  // The request is on the wire once its body is sent; loopback needs far less than this.
  await new Promise((r) => setTimeout(r, 300));
  server.child.kill("SIGTERM");
  const reply = await save;
  expect(reply.status).toBe(200);
  const { revision } = (await reply.json()) as { revision: number };
  expect(await server.exited).toBe(0);
  expect(server.output()).toMatch(/SIGTERM: shutting down/);

  const again = spawnServerProcess(env);
  try {
    const url2 = await again.ready();
    const page = (await (
      await fetch(`${url2}/api/sequences/${sequenceId}/history?limit=500`, { headers: auth })
    ).json()) as HistoryPage;
    expect(page.nextAfterRevision).toBeNull();
    const history = page.entries;
    expect(history.find((h) => h.batchId === "big-save-1")?.revision).toBe(revision);
  } finally {
    await again.stop();
  }
}, 300_000);
