import { writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AnnotationSnapshot } from "../core/api/annotationBatch";
import type { HistoryPage } from "./store/readHistory";
import { type OwnPostgres, postgresBinDir, startOwnPostgres } from "./testing/startOwnPostgres";
import { type ServerProcess, spawnServerProcess } from "./testing/spawnServerProcess";
import { tempDirsForFile } from "./testing/tempDirsForFile";
import { signInForToken, TEST_ADMIN_PASSWORD } from "./testing/testAuth";
import { importTinyOverHttp } from "./testing/importTinyOverHttp";
import { must } from "../core/model/must";

const tempDir = tempDirsForFile();
const bin = postgresBinDir();

// A *.pg.test.ts file: run when TEST_DATABASE_URL is set (always in CI); it crashes a cluster of its own.
describe("PostgreSQL restarted under load", () => {
  let pg: OwnPostgres;
  let server: ServerProcess;
  beforeAll(async () => {
    pg = await startOwnPostgres(must(bin, "bin"));
  });
  afterAll(async () => {
    await server?.stop();
    pg?.remove();
  });

  it("the server survives `pg_ctl -m immediate stop`, says 503 meanwhile, recovers, loses no acknowledged batch", async () => {
    const clientDir = tempDir("cuboidal-client-");
    writeFileSync(path.join(clientDir, "index.html"), "<!doctype html><title>test</title>");
    server = spawnServerProcess({
      DATABASE_URL: pg.url,
      DATA_DIR: tempDir("cuboidal-pgrestart-"),
      CLIENT_DIR: clientDir,
    });
    const url = await server.ready();
    const auth = await signInForToken(url, "admin", TEST_ADMIN_PASSWORD);
    const { sequenceId, snap } = await importTinyOverHttp(url, auth, 2, 4);
    // One cuboid per writer (frame 0 of its own track), so the writers never conflict.
    const targets = snap.cuboids.filter((c) => c.frameIndex === 0);

    // Four writers saving in a loop, each on the revision of its last acknowledgement; a batch that
    // got no acknowledgement is resent with the same batchId.
    const acked: Array<{ batchId: string; revision: number }> = [];
    const refusals: string[] = [];
    const lastAckedX = new Map<string, number>();
    let stop = false;
    const writer = async (w: number) => {
      const target = must(targets[w], "targets[w]");
      let revision = snap.revision;
      for (let i = 0; !stop; i++) {
        const batchId = `pg-restart-w${w}-${i}`;
        const x = w * 1000 + i;
        for (;;) {
          try {
            const res = await fetch(`${url}/api/sequences/${sequenceId}/annotations/batches`, {
              method: "POST",
              headers: { ...auth, "Content-Type": "application/json" },
              body: JSON.stringify({
                batchId,
                baseRevision: revision,
                operations: [
                  {
                    op: "putCuboid",
                    cuboid: { ...target, id: `${target.id}`, centerM: { ...target.centerM, x } },
                  },
                ],
              }),
            });
            const body = await res.text();
            if (res.status === 200) {
              revision = (JSON.parse(body) as { revision: number }).revision;
              acked.push({ batchId, revision });
              lastAckedX.set(target.id, x);
              break;
            }
            refusals.push(`${res.status} ${body}`);
          } catch (e) {
            refusals.push(`network: ${(e as Error).message}`);
          }
          if (stop) return;
          await new Promise((r) => setTimeout(r, 100));
        }
      }
    };
    const writers = [0, 1, 2, 3].map(writer);
    const until = async (n: number) => {
      while (acked.length < n) {
        // Writers that only ever get refusals would loop forever: fail with what they got.
        if (refusals.length > 300)
          throw new Error(
            `refused: ${refusals.slice(-3).join(" | ")}; server exit ${server.child.exitCode}: ${server.output().slice(-800)}`,
          );
        await new Promise((r) => setTimeout(r, 20));
      }
    };
    await until(20);
    pg.crash();
    const before = acked.length;
    await new Promise((r) => setTimeout(r, 1500));
    pg.start();
    await until(before + 20);
    stop = true;
    await Promise.all(writers);

    expect(server.child.exitCode).toBeNull();
    const during = refusals.filter((r) => r.startsWith("503"));
    expect(during.length).toBeGreaterThan(0);
    expect(JSON.parse(must(during[0], "during[0]").slice(4))).toMatchObject({
      error: "database-unavailable",
      message: expect.stringMatching(
        /the database is unreachable .*nothing was saved by this request: retry/,
      ),
    });
    // Nothing else: no 500, no 409. (A reply lost with its connection is resent with the same batchId.)
    expect(refusals.filter((r) => !r.startsWith("503") && !r.startsWith("network:"))).toEqual([]);
    const page = (await (
      await fetch(`${url}/api/sequences/${sequenceId}/history?limit=500`, { headers: auth })
    ).json()) as HistoryPage;
    expect(page.nextAfterRevision).toBeNull();
    const history = page.entries;
    const logged = new Map(history.map((h) => [h.batchId, h.revision]));
    for (const a of acked) expect(logged.get(a.batchId), a.batchId).toBe(a.revision);
    // Each batch once: a resend after a lost reply is the same revision, not a new one.
    expect(new Set(history.map((h) => h.batchId)).size).toBe(history.length);
    const end = (await (
      await fetch(`${url}/api/sequences/${sequenceId}/annotations`, { headers: auth })
    ).json()) as AnnotationSnapshot;
    expect(targets).toHaveLength(4);
    for (const t of targets)
      expect(
        must(
          end.cuboids.find((c) => c.id === t.id),
          "end.cuboids.find((c) => c.id === t.id)",
        ).centerM.x,
      ).toBe(lastAckedX.get(t.id));
    expect((await fetch(`${url}/readyz`)).status).toBe(200);
  }, 300_000);
});
