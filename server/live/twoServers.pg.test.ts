import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AnnotationSnapshot } from "../../core/api/annotationBatch";
import type { Cuboid } from "../../core/model/Cuboid";
import { createFileBlobStore } from "../blobs/createFileBlobStore";
import { importSequence } from "../import/importSequence";
import type { HistoryEntry } from "../store/readHistory";
import { readServerSentEvents } from "../testing/readServerSentEvents";
import { type ServerProcess, spawnServerProcess } from "../testing/spawnServerProcess";
import { signInForToken, TEST_ADMIN_PASSWORD } from "../testing/testAuth";
import { type TestStore, testStoreKinds } from "../testing/testStores";
import { writeTinySequence } from "../testing/writeTinySequence";
import { must } from "../../core/model/must";

const quantile = (sorted: number[], q: number) =>
  must(
    sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))],
    "sorted[Math.min(sorted.length - 1, Math.floor(q * sorted....",
  );

// Several stateless servers on one PostgreSQL: live updates cross processes (LISTEN/NOTIFY), and
// concurrent editors through both lose no revision, duplicate none, and converge.
describe.each(testStoreKinds().filter((k) => k.name === "postgres"))(
  "two server processes on $name",
  (kind) => {
    let store: TestStore;
    const dirs: string[] = [];
    const servers: ServerProcess[] = [];
    let urls: string[];
    let auth: Record<string, string>;
    let sequenceId: string;
    beforeAll(async () => {
      store = await kind.start();
      const database = await store.fresh();
      const tiny = writeTinySequence(3, 4);
      dirs.push(tiny);
      const clientDir = mkdtempSync(path.join(tmpdir(), "cuboidal-client-"));
      writeFileSync(path.join(clientDir, "index.html"), "<!doctype html><title>test</title>");
      dirs.push(clientDir);
      const dataDirs = [0, 1].map(() => mkdtempSync(path.join(tmpdir(), "cuboidal-two-")));
      dirs.push(...dataDirs);
      // Blobs are per machine here; the annotations (all this test reads) are in the shared database.
      sequenceId = (
        await importSequence(
          {
            store: database,
            blobs: createFileBlobStore(path.join(must(dataDirs[0], "dataDirs[0]"), "blobs")),
          },
          tiny,
        )
      ).sequenceId;
      urls = [];
      for (const dataDir of dataDirs) {
        const s = spawnServerProcess({
          DATA_DIR: dataDir,
          CLIENT_DIR: clientDir,
          DATABASE_URL: must(store.url, "store.url"),
        });
        servers.push(s);
        urls.push(await s.ready());
      }
      auth = await signInForToken(must(urls[0], "urls[0]"), "admin", TEST_ADMIN_PASSWORD);
    });
    afterAll(async () => {
      await Promise.all(servers.map((s) => s.stop()));
      await store.stop();
      for (const d of dirs) rmSync(d, { recursive: true, force: true });
    });

    const snapshot = async (url: string) =>
      (await (
        await fetch(`${url}/api/sequences/${sequenceId}/annotations`, { headers: auth })
      ).json()) as AnnotationSnapshot;
    const post = (url: string, baseRevision: number, cuboid: Cuboid) =>
      fetch(`${url}/api/sequences/${sequenceId}/annotations/batches`, {
        method: "POST",
        headers: { ...auth, "Content-Type": "application/json" },
        body: JSON.stringify({
          batchId: crypto.randomUUID(),
          baseRevision,
          operations: [{ op: "putCuboid", cuboid }],
        }),
      });
    const stream = async (url: string, afterRevision: number) => {
      const res = await fetch(`${url}/api/sequences/${sequenceId}/live?afterRevision=${afterRevision}`, {
        headers: auth,
      });
      expect(res.status).toBe(200);
      const events = readServerSentEvents(res);
      await events.next((e) => e.event === "hello");
      return events;
    };

    it("a save on one server reaches a viewer of the other within a second (p50/p99 printed)", async () => {
      const start = await snapshot(must(urls[0], "urls[0]"));
      const events = await stream(must(urls[1], "urls[1]"), start.revision);
      const target = must(start.cuboids[0], "start.cuboids[0]");
      let revision = start.revision;
      const delaysMs: number[] = [];
      for (let i = 0; i < 40; i++) {
        const res = await post(must(urls[0], "urls[0]"), revision, {
          ...target,
          centerM: { ...target.centerM, x: i },
        });
        expect(res.status).toBe(200);
        revision = ((await res.json()) as { revision: number }).revision;
        const ackedAt = performance.now();
        const e = await events.next((ev) => ev.event === "batch");
        delaysMs.push(performance.now() - ackedAt);
        expect(Number(e.id)).toBe(revision);
      }
      await events.close();
      delaysMs.sort((a, b) => a - b);
      const p50 = quantile(delaysMs, 0.5);
      const p99 = quantile(delaysMs, 0.99);
      console.log(
        `live delay, ack on server A -> event on server B: p50 ${p50.toFixed(1)} ms, p99 ${p99.toFixed(1)} ms (n=40)`,
      );
      expect(p99).toBeLessThan(1000);
    });

    it("concurrent editors through both servers: no lost or duplicated revision, both streams and servers converge", async () => {
      const start = await snapshot(must(urls[0], "urls[0]"));
      const streams = await Promise.all(urls.map((u) => stream(u, start.revision)));
      // Four editors, two per server; two of them fight over the same box (409, then retry on the new state).
      const targets = [
        must(start.cuboids[0], "start.cuboids[0]"),
        must(start.cuboids[0], "start.cuboids[0]"),
        must(start.cuboids[1], "start.cuboids[1]"),
        must(start.cuboids[2], "start.cuboids[2]"),
      ];
      const acked: number[] = [];
      let conflicts = 0;
      const editor = async (n: number) => {
        const url = must(urls[n % 2], "urls[n % 2]");
        for (let i = 0; i < 8; i++) {
          for (;;) {
            const now = await snapshot(url);
            const c = must(
              now.cuboids.find((x) => x.id === must(targets[n], "targets[n]").id),
              "now.cuboids.find((x) => x.id === targets[n].id)",
            );
            const res = await post(url, now.revision, { ...c, yawRad: n + i / 10 });
            if (res.status === 409) {
              conflicts++;
              continue;
            }
            expect(res.status).toBe(200);
            acked.push(((await res.json()) as { revision: number }).revision);
            break;
          }
        }
      };
      await Promise.all([0, 1, 2, 3].map(editor));
      const head = (await snapshot(must(urls[1], "urls[1]"))).revision;
      acked.sort((a, b) => a - b);
      expect(acked).toEqual(Array.from({ length: 32 }, (_, i) => start.revision + 1 + i));
      expect(head).toBe(start.revision + 32);
      // Each stream delivers every revision once, in order; replaying them gives the servers' state.
      for (const events of streams) {
        const state = new Map(start.cuboids.map((c) => [c.id, c]));
        for (let r = start.revision + 1; r <= head; r++) {
          const entry = JSON.parse((await events.next((e) => e.event === "batch")).data) as HistoryEntry;
          expect(entry.revision).toBe(r);
          for (const op of entry.operations) if (op.op === "putCuboid") state.set(op.cuboid.id, op.cuboid);
        }
        await events.close();
        for (const url of urls) {
          const final = await snapshot(url);
          expect(final.revision).toBe(head);
          for (const c of final.cuboids) expect(state.get(c.id)).toEqual(c);
        }
      }
      console.log(`4 editors on 2 servers: 32 batches, ${conflicts} conflicts retried`);
    });

    it("hands out track ids through both servers at once, never the same twice", async () => {
      const take = (url: string) =>
        fetch(`${url}/api/sequences/${sequenceId}/track-ids`, {
          method: "POST",
          headers: { ...auth, "Content-Type": "application/json" },
          body: JSON.stringify({ count: 5 }),
        }).then(async (r) => ((await r.json()) as { trackIds: string[] }).trackIds);
      const all = (
        await Promise.all(Array.from({ length: 20 }, (_, i) => take(must(urls[i % 2], "urls[i % 2]"))))
      ).flat();
      expect(all).toHaveLength(100);
      expect(new Set(all).size).toBe(100);
    });
  },
);
