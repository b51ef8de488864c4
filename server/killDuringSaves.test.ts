import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { describeRealData } from "../scripts/testing/realData";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { AnnotationSnapshot } from "../core/api/annotationBatch";
import type { Cuboid } from "../core/model/Cuboid";
import type { HistoryPage } from "./store/readHistory";
import { spawnServerProcess } from "./testing/spawnServerProcess";
import { signInForToken, TEST_ADMIN_PASSWORD } from "./testing/testAuth";
import { sharedData, type TestStore, testStoreKinds } from "./testing/testStores";
import { must } from "../core/model/must";

const KITTI_OBJECT = sharedData("kitti_object_vis/data/object/training");

describeRealData.each(testStoreKinds())("SIGKILL during a stream of saves on $name", (kind) => {
  let store: TestStore;
  let dataDir: string;
  let clientDir: string;
  beforeAll(async () => {
    store = await kind.start();
    dataDir = mkdtempSync(path.join(tmpdir(), "cuboidal-kill-saves-"));
    clientDir = mkdtempSync(path.join(tmpdir(), "cuboidal-client-"));
    writeFileSync(path.join(clientDir, "index.html"), "<!doctype html><title>test</title>");
  });
  afterAll(async () => {
    await store.stop();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(clientDir, { recursive: true, force: true });
  });

  it("loses no acknowledged batch", async () => {
    const env = {
      DATA_DIR: dataDir,
      CLIENT_DIR: clientDir,
      DATABASE_URL: kind.name === "postgres" ? must(store.url, "store.url") : "",
    };
    if (kind.name === "postgres") await store.fresh();
    const first = spawnServerProcess(env);
    const url = await first.ready();
    const auth = await signInForToken(url, "admin", TEST_ADMIN_PASSWORD);
    const fd = new FormData();
    for (const dir of ["velodyne", "label_2", "calib"])
      for (const f of readdirSync(path.join(KITTI_OBJECT, dir)))
        fd.append(
          "files",
          new File([new Uint8Array(readFileSync(path.join(KITTI_OBJECT, dir, f)))], `${dir}/${f}`),
        );
    const imported = (await (
      await fetch(`${url}/api/imports`, { method: "POST", body: fd, headers: auth })
    ).json()) as {
      sequenceId: string;
    };
    const id = imported.sequenceId;
    const snapshot = (await (
      await fetch(`${url}/api/sequences/${id}/annotations`, { headers: auth })
    ).json()) as AnnotationSnapshot;
    const target: Cuboid = must(snapshot.cuboids[0], "snapshot.cuboids[0]");

    // One writer saving as fast as it can, each batch based on the last acknowledged revision.
    const acked: Array<{ batchId: string; revision: number; x: number }> = [];
    let revision = snapshot.revision;
    let killed = false;
    const writer = (async () => {
      for (let i = 0; !killed; i++) {
        const x = target.centerM.x + i * 0.01;
        const batchId = `kill-test-${i}-${Date.now()}`;
        try {
          const res = await fetch(`${url}/api/sequences/${id}/annotations/batches`, {
            method: "POST",
            headers: { ...auth, "Content-Type": "application/json" },
            body: JSON.stringify({
              batchId,
              baseRevision: revision,
              author: "writer",
              operations: [
                {
                  op: "putCuboid",
                  cuboid: { ...target, centerM: { ...target.centerM, x }, provenance: "human" },
                },
              ],
            }),
          });
          if (res.status !== 200) throw new Error(`save ${i}: HTTP ${res.status} ${await res.text()}`);
          revision = ((await res.json()) as { revision: number }).revision;
          acked.push({ batchId, revision, x });
        } catch (e) {
          if (killed) return;
          throw e;
        }
      }
    })();
    while (acked.length < 25) await new Promise((r) => setTimeout(r, 5));
    killed = true;
    first.child.kill("SIGKILL");
    await first.exited;
    await writer;

    const second = spawnServerProcess(env);
    const url2 = await second.ready();
    try {
      const page = (await (
        await fetch(`${url2}/api/sequences/${id}/history?limit=500`, { headers: auth })
      ).json()) as HistoryPage;
      expect(page.nextAfterRevision).toBeNull();
      const history = page.entries;
      const logged = new Map(history.map((h) => [h.batchId, h.revision]));
      for (const a of acked) expect(logged.get(a.batchId), a.batchId).toBe(a.revision);
      const now = (await (
        await fetch(`${url2}/api/sequences/${id}/annotations`, { headers: auth })
      ).json()) as AnnotationSnapshot;
      expect(now.revision).toBeGreaterThanOrEqual(must(acked.at(-1), "acked.at(-1)").revision);
      // At most the one in-flight batch landed after the last acknowledgement.
      expect(now.revision - must(acked.at(-1), "acked.at(-1)").revision).toBeLessThanOrEqual(1);
      const last = must(
        now.cuboids.find((c) => c.id === target.id),
        "now.cuboids.find((c) => c.id === target.id)",
      );
      if (now.revision === must(acked.at(-1), "acked.at(-1)").revision)
        expect(last.centerM.x).toBe(must(acked.at(-1), "acked.at(-1)").x);
    } finally {
      second.child.kill("SIGTERM");
      await second.exited;
    }
  }, 300_000); // two server starts and a kill: minutes on a loaded machine, not a speed check
});
