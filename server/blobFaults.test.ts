import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { AnnotationSnapshot } from "../core/api/annotationBatch";
import { createApp } from "./app";
import type { BlobStore } from "./blobs/BlobStore";
import { createFileBlobStore } from "./blobs/createFileBlobStore";
import type { Database } from "./db/openDatabase";
import { importFolderRequest } from "./testing/importFolderRequest";
import { startTestS3, type TestS3 } from "./testing/startTestS3";
import { addTestUser, type TestUser } from "./testing/testAuth";
import { type TestStore, testStoreKinds } from "./testing/testStores";
import { writeTinySequence } from "./testing/writeTinySequence";
import { must } from "../core/model/must";

/** A writer moving one cuboid; returns every acknowledged x so the end state can be checked. */
function editor(app: ReturnType<typeof createApp>, user: TestUser, sequenceId: string) {
  const acked: number[] = [];
  return {
    acked,
    async save(x: number): Promise<Response> {
      const snap = (await (
        await app.request(`/api/sequences/${sequenceId}/annotations`, { headers: user.headers })
      ).json()) as AnnotationSnapshot;
      const c = must(snap.cuboids[0], "snap.cuboids[0]");
      const res = await app.request(`/api/sequences/${sequenceId}/annotations/batches`, {
        method: "POST",
        headers: { ...user.headers, "Content-Type": "application/json" },
        body: JSON.stringify({
          batchId: crypto.randomUUID(),
          baseRevision: snap.revision,
          operations: [{ op: "putCuboid", cuboid: { ...c, centerM: { ...c.centerM, x } } }],
        }),
      });
      if (res.status === 200) acked.push(x);
      return res;
    },
    async lastX(): Promise<number> {
      const snap = (await (
        await app.request(`/api/sequences/${sequenceId}/annotations`, { headers: user.headers })
      ).json()) as AnnotationSnapshot;
      return must(snap.cuboids[0], "snap.cuboids[0]").centerM.x;
    },
  };
}

const importTiny = async (app: ReturnType<typeof createApp>, user: TestUser, frames: number) => {
  const dir = writeTinySequence(frames, 1);
  try {
    return await app.request("/api/imports", importFolderRequest(dir, user.headers));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};

describe.each(testStoreKinds())("blob store faults on $name", (kind) => {
  let store: TestStore;
  let database: Database;
  beforeAll(async () => {
    store = await kind.start();
  });
  afterAll(async () => store.stop());
  beforeEach(async () => {
    database = await store.fresh();
  });
  afterEach(async () => database.close());

  const setUp = async (blobs: BlobStore) => {
    const app = createApp({ store: database, blobs });
    const lead = await addTestUser(database, "lea", { roles: { default: "lead" } });
    const first = await importTiny(app, lead, 2);
    expect(first.status).toBe(200);
    const { sequenceId } = (await first.json()) as { sequenceId: string };
    return { app, lead, sequenceId, writer: editor(app, lead, sequenceId) };
  };

  it("object storage unreachable for a while: 503 with a reason, edits still saved, recovery without restart", async () => {
    const s3: TestS3 = await startTestS3({ ownServer: true });
    try {
      const { app, lead, sequenceId, writer } = await setUp(s3.store("outage"));
      const frame = (await (
        await app.request(`/api/sequences/${sequenceId}/frames/0`, { headers: lead.headers })
      ).json()) as { lidarBlob: string };
      expect((await writer.save(1)).status).toBe(200);

      await must(s3.own, "s3.own").stop();
      const blob = await app.request(`/api/blobs/${frame.lidarBlob}`, { headers: lead.headers });
      expect(blob.status).toBe(503);
      expect(blob.headers.get("Retry-After")).toBe("2");
      expect(((await blob.json()) as { message: string }).message).toMatch(
        /object storage s3:\/\/\S+\/outage is unreachable .*retry in a moment/,
      );
      const refused = await importTiny(app, lead, 3);
      expect(refused.status).toBe(503);
      expect(await refused.json()).toMatchObject({ error: "blob-store-unavailable" });
      expect((await app.request("/readyz")).status).toBe(503);
      // Annotations live in the database: saving goes on while the object store is away.
      expect((await writer.save(2)).status).toBe(200);
      const sequences = (await (
        await app.request("/api/sequences", { headers: lead.headers })
      ).json()) as unknown[];
      expect(sequences).toHaveLength(1);

      await must(s3.own, "s3.own").start();
      expect((await app.request("/readyz")).status).toBe(200);
      const back = await app.request(`/api/blobs/${frame.lidarBlob}`, { headers: lead.headers });
      expect(back.status).toBe(200);
      expect((await importTiny(app, lead, 3)).status).toBe(200);
      expect((await writer.save(3)).status).toBe(200);
      expect(writer.acked).toEqual([1, 2, 3]);
      expect(await writer.lastX()).toBe(3);
    } finally {
      await s3.close();
    }
  });

  // A real full disk: a 1 MiB tmpfs (needs root and mount, as in CI and on this project's machines).
  const mounted = (() => {
    try {
      const probe = mkdtempSync(path.join(tmpdir(), "cuboidal-mount-probe-"));
      execFileSync("mount", ["-t", "tmpfs", "-o", "size=64k", "tmpfs", probe], { stdio: "ignore" });
      execFileSync("umount", [probe]);
      rmSync(probe, { recursive: true });
      return true;
    } catch {
      return false;
    }
  })();

  // Registered only where a tmpfs can be mounted (root): elsewhere it is not a test, not a skip.
  if (mounted)
    it("a full blob disk: 507 with a reason, nothing half-written, edits saved, recovery when space is freed", async () => {
      const dir = mkdtempSync(path.join(tmpdir(), "cuboidal-full-"));
      execFileSync("mount", ["-t", "tmpfs", "-o", "size=1m", "tmpfs", dir]);
      try {
        const { app, lead, writer } = await setUp(createFileBlobStore(dir));
        expect((await writer.save(1)).status).toBe(200);
        const filler = path.join(dir, "filler");
        const chunk = Buffer.alloc(64 * 1024, 7);
        mkdirSync(path.join(dir, "pad"), { recursive: true });
        try {
          for (let i = 0; ; i++) writeFileSync(path.join(dir, "pad", String(i)), chunk);
        } catch (e) {
          expect((e as NodeJS.ErrnoException).code).toBe("ENOSPC");
        }
        // Whatever crumbs remain, fill them.
        try {
          for (let i = 0; ; i++) writeFileSync(`${filler}${i}`, Buffer.alloc(512, 1));
        } catch {}

        const refused = await importTiny(app, lead, 3);
        expect(refused.status).toBe(507);
        expect(await refused.json()).toMatchObject({
          error: "blob-store-full",
          message: expect.stringMatching(
            /the blob folder .* is full \(ENOSPC\): free disk space, then retry/,
          ),
        });
        expect(readdirSync(path.join(dir, "tmp"))).toEqual([]);
        expect((await writer.save(2)).status).toBe(200);

        rmSync(path.join(dir, "pad"), { recursive: true });
        for (const f of readdirSync(dir)) if (f.startsWith("filler")) rmSync(path.join(dir, f));
        expect((await importTiny(app, lead, 3)).status).toBe(200);
        expect((await writer.save(3)).status).toBe(200);
        expect(writer.acked).toEqual([1, 2, 3]);
        expect(await writer.lastX()).toBe(3);
      } finally {
        execFileSync("umount", ["-l", dir]);
        rmSync(dir, { recursive: true, force: true });
      }
    });
});
