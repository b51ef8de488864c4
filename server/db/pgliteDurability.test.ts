import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { importSequence } from "../import/importSequence";
import { applyBatch } from "../store/applyBatch";
import { readAnnotations } from "../store/readAnnotations";
import { tempBlobs } from "../testing/testStores";
import { writeTinySequence } from "../testing/writeTinySequence";
import { databaseFromPglite, migrate } from "./openDatabase";
import { type PgliteWorker, startPgliteWorker } from "./startPgliteWorker";
import { must } from "../../core/model/must";

// "Acknowledged" means "on stable storage": PGlite's defaults (fsync off, no fsync in Emscripten's
// NODEFS) let 100 acknowledged batches go by without one fsync. Every accepted batch must now be
// followed by at least one fsync of PostgreSQL's files (the WAL), and survive a reopen.
let dir: string;
let tiny: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "cuboidal-durable-"));
  tiny = writeTinySequence(2, 1);
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  rmSync(tiny, { recursive: true, force: true });
});

it("fsyncs at every acknowledged batch on the embedded store, and the batches are there after a reopen", async () => {
  let worker: PgliteWorker = await startPgliteWorker(dir);
  let store = databaseFromPglite(worker);
  const blobs = tempBlobs();
  let revision = 0;
  try {
    await migrate(store.db);
    const { sequenceId } = await importSequence({ store, blobs: blobs.blobs }, tiny);
    const snap = must(await readAnnotations(store, sequenceId), "await readAnnotations(store, sequenceId)");
    const cuboid = must(snap.cuboids[0], "snap.cuboids[0]");
    revision = snap.revision;
    const before = await worker.fsyncs();
    const batches = 10;
    for (let i = 0; i < batches; i++) {
      const r = await applyBatch(
        store,
        sequenceId,
        {
          batchId: `durable-${i}`,
          baseRevision: revision,
          operations: [{ op: "putCuboid", cuboid: { ...cuboid, centerM: { ...cuboid.centerM, x: i } } }],
        },
        "alice",
      );
      if (r.status !== "accepted") throw new Error(`batch ${i}: ${r.status}`);
      revision = r.revision;
    }
    expect(await worker.fsyncs()).toBeGreaterThanOrEqual(before + batches);
    await store.close();
    worker = await startPgliteWorker(dir);
    store = databaseFromPglite(worker);
    const reopened = must(
      await readAnnotations(store, sequenceId),
      "await readAnnotations(store, sequenceId)",
    );
    expect(reopened.revision).toBe(revision);
    expect(
      must(
        reopened.cuboids.find((c) => c.id === cuboid.id),
        "reopened.cuboids.find((c) => c.id === cuboid.id)",
      ).centerM.x,
    ).toBe(batches - 1);
  } finally {
    await store.close();
    blobs.remove();
  }
});
