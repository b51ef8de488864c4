import { rmSync } from "node:fs";
import type { KyselyPlugin } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AnnotationSnapshot } from "../../core/api/annotationBatch";
import { must } from "../../core/model/must";
import { createApp } from "../app";
import { readEditScope } from "../store/readEditScope";
import { accessFixture } from "../testing/accessFixture";
import type { TestUser } from "../testing/testAuth";
import { testStoreKinds } from "../testing/testStores";
import { useTestDeps } from "../testing/useTestDeps";
import { writeTinySequence } from "../testing/writeTinySequence";

/** Counts the statements Kysely runs (each a round trip; begin and commit are not counted). */
function statementCounter(): { plugin: KyselyPlugin; count: number } {
  const c = {
    count: 0,
    plugin: {
      transformQuery: (a) => a.node,
      transformResult: async (a) => {
        c.count++;
        return a.result;
      },
    } satisfies KyselyPlugin,
  };
  return c;
}

describe.each(testStoreKinds())("the checks of an annotator's save on $name", (kind) => {
  const t = useTestDeps(kind);
  let tiny: string;
  beforeAll(() => {
    tiny = writeTinySequence(3, 2);
  });
  afterAll(() => rmSync(tiny, { recursive: true, force: true }));

  it("cost one read of tasks and boxes, read with the lock or the reads after it", async () => {
    const counter = statementCounter();
    const app = createApp({
      ...t.deps,
      store: { ...t.deps.store, db: t.deps.store.db.withPlugin(counter.plugin) },
    });
    const f = await accessFixture(t.deps, createApp(t.deps), tiny);
    const snap = (await (
      await app.request(`/api/sequences/${f.sequenceId}/annotations`, { headers: f.admin.headers })
    ).json()) as AnnotationSnapshot;
    const box = must(
      snap.cuboids.find((c) => c.frameIndex === 0),
      "a box on frame 0",
    );
    let revision = snap.revision;
    const save = async (user: TestUser, x: number) => {
      const before = counter.count;
      const res = await app.request(`/api/sequences/${f.sequenceId}/annotations/batches`, {
        method: "POST",
        headers: { ...user.headers, "Content-Type": "application/json" },
        body: JSON.stringify({
          batchId: crypto.randomUUID(),
          baseRevision: revision,
          operations: [{ op: "putCuboid", cuboid: { ...box, centerM: { ...box.centerM, x } } }],
        }),
      });
      expect(res.status).toBe(200);
      revision = ((await res.json()) as { revision: number }).revision;
      return counter.count - before;
    };
    // Warm both users' sign-in paths first, then compare the same save by a lead (no task rules)
    // and by the annotator (task scope and edit locks). A lead's save on PGlite: the lock with its
    // reads, and the writes with the work time. On PostgreSQL five statements in two round trips
    // (applyBatch.pg.test.ts counts those): the lock, the reads, the writes, the live NOTIFY, and
    // the work time behind the commit. The rules add no statement on either: PGlite reads them with
    // the lock, PostgreSQL with the reads after it (they were one more on both).
    await save(f.annotator, 1);
    await save(f.lead, 2);
    const byLead = await save(f.lead, 3);
    const byAnnotator = await save(f.annotator, 4);
    expect(byLead).toBe(kind.name === "pglite" ? 2 : 5);
    expect(byAnnotator - byLead).toBe(0);
  });

  it("reads every task of the sequence, the boxes named by id and every box of a named track", async () => {
    const f = await accessFixture(t.deps, createApp(t.deps), tiny);
    const snap = (await (
      await createApp(t.deps).request(`/api/sequences/${f.sequenceId}/annotations`, {
        headers: f.admin.headers,
      })
    ).json()) as AnnotationSnapshot;
    const [first, second] = snap.cuboids;
    const a = must(first, "a box");
    const b = must(second?.trackId === a.trackId ? snap.cuboids[2] : second, "a box of another track");
    const scope = await readEditScope(t.deps.store.db, f.sequenceId, {
      batchId: "b",
      baseRevision: snap.revision,
      operations: [
        { op: "deleteCuboid", id: b.id },
        { op: "deleteCuboid", id: "no-such-box" },
        { op: "deleteTrack", trackId: a.trackId },
      ],
    });
    expect(scope.tasks).toEqual([
      {
        name: expect.any(String),
        state: "todo",
        frameStart: 0,
        frameEnd: 0,
        labelerId: f.annotator.id,
        reviewerId: f.reviewer.id,
      },
    ]);
    expect(scope.boxesById).toEqual([{ id: b.id, trackId: b.trackId, frameIndex: b.frameIndex }]);
    const ofTrack = snap.cuboids
      .filter((c) => c.trackId === a.trackId)
      .map((c) => ({ id: c.id, trackId: c.trackId, frameIndex: c.frameIndex }));
    expect(ofTrack.length).toBeGreaterThan(1);
    expect([...scope.boxesOfTracks].sort((x, y) => x.id.localeCompare(y.id))).toEqual(
      ofTrack.sort((x, y) => x.id.localeCompare(y.id)),
    );
  });
});
