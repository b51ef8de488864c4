import { rmSync } from "node:fs";
import { testClient } from "hono/testing";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { AnnotationBatch, AnnotationSnapshot, BatchConflict } from "../core/api/annotationBatch";
import type { SequenceDetail } from "../core/api/sequenceDetail";
import type { Cuboid } from "../core/model/Cuboid";
import { createApp } from "./app";
import { importSequence } from "./import/importSequence";
import type { ServerDeps } from "./ServerDeps";
import { testStoreKinds } from "./testing/testStores";
import { addTestUser, withHeaders } from "./testing/testAuth";
import { useTestDeps } from "./testing/useTestDeps";
import { writeTinySequence } from "./testing/writeTinySequence";
import { must } from "../core/model/must";

let batchCounter = 0;
const batch = (
  baseRevision: number,
  operations: AnnotationBatch["operations"],
  author = "alice",
): AnnotationBatch => ({
  batchId: `batch-${process.pid}-${++batchCounter}`,
  baseRevision,
  author,
  operations,
});
const moved = (c: Cuboid, dx: number): Cuboid => ({
  ...c,
  centerM: { ...c.centerM, x: c.centerM.x + dx },
  provenance: "human",
});

describe.each(testStoreKinds())("API on $name", (kind) => {
  const t = useTestDeps(kind);
  let deps: ServerDeps;
  let app: ReturnType<typeof createApp>;
  let request: (path: string, init?: RequestInit) => Promise<Response>;
  let auth: Record<string, string>;
  let sequenceId: string;
  let base: AnnotationSnapshot;
  let tiny: string;
  beforeAll(() => {
    // 3 frames, 6 cuboids in 2 tracks: the API needs some objects, not real sweeps.
    tiny = writeTinySequence(3, 2);
  });
  afterAll(() => rmSync(tiny, { recursive: true, force: true }));
  beforeEach(async () => {
    deps = t.deps;
    app = createApp(deps);
    auth = (await addTestUser(deps.store, "alice", { isAdmin: true })).headers;
    request = withHeaders(app.request.bind(app), auth);
    sequenceId = (await importSequence(deps, tiny)).sequenceId;
    base = (await (await request(`/api/sequences/${sequenceId}/annotations`)).json()) as AnnotationSnapshot;
  });
  const post = (b: AnnotationBatch) =>
    request(`/api/sequences/${sequenceId}/annotations/batches`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(b),
    });

  it("lists and reads sequences through the typed client; unknown ids are 404", async () => {
    const client = testClient(app, {}, undefined, { headers: auth });
    const list = await (await client.api.sequences.$get({ query: {} })).json();
    expect(list).toEqual([expect.objectContaining({ id: sequenceId, frameCount: 3 })]);
    const res = await client.api.sequences[":id"].$get({ param: { id: sequenceId } });
    expect(res.status).toBe(200);
    const detail = (await res.json()) as SequenceDetail;
    expect(detail.frames).toHaveLength(3);
    expect((await client.api.sequences[":id"].$get({ param: { id: "nope" } })).status).toBe(404);
    const frame = await client.api.sequences[":id"].frames[":index"].$get({
      param: { id: sequenceId, index: "2" },
    });
    // The one-row frame read answers exactly what the sequence's detail holds for that frame.
    expect(await frame.json()).toEqual(detail.frames[2]);
    expect(detail.frames[2]).toMatchObject({ index: 2, name: "000002", lidarFormat: "pcd" });
    for (const index of ["3", "-1", "1.5", "99999999999"])
      expect((await request(`/api/sequences/${sequenceId}/frames/${index}`)).status).toBe(404);
    const doc = (await (await request("/api/openapi.json")).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths)).toContain("/api/sequences/{id}/annotations/batches");
  });

  it("streams blobs with an immutable cache and answers If-None-Match with 304", async () => {
    const detail = (await (await request(`/api/sequences/${sequenceId}`)).json()) as SequenceDetail;
    const hash = must(detail.frames[0], "detail.frames[0]").lidarBlob;
    const res = await request(`/api/blobs/${hash}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("ETag")).toBe(`"${hash}"`);
    expect(res.headers.get("Cache-Control")).toBe("private, max-age=31536000, immutable");
    const { createHash } = await import("node:crypto");
    expect(
      createHash("sha256")
        .update(new Uint8Array(await res.arrayBuffer()))
        .digest("hex"),
    ).toBe(hash);
    expect((await request(`/api/blobs/${hash}`, { headers: { "If-None-Match": `"${hash}"` } })).status).toBe(
      304,
    );
    expect((await request(`/api/blobs/${"0".repeat(64)}`)).status).toBe(404);
    expect((await request("/api/blobs/..%2F..%2Fetc%2Fpasswd")).status).toBe(400);
  });

  it("accepts edits of different objects from two clients on the same base; a stale edit of the same object gets 409 with the current state", async () => {
    const [a, b] = base.cuboids;
    const r1 = await post(batch(1, [{ op: "putCuboid", cuboid: moved(must(a, "a"), 1) }], "alice"));
    const r2 = await post(batch(1, [{ op: "putCuboid", cuboid: moved(must(b, "b"), 2) }], "bob"));
    expect([r1.status, r2.status]).toEqual([200, 200]);
    expect(await r1.json()).toEqual({ revision: 2 });
    expect(await r2.json()).toEqual({ revision: 3 });
    const stale = await post(batch(1, [{ op: "putCuboid", cuboid: moved(must(a, "a"), 5) }], "carol"));
    expect(stale.status).toBe(409);
    const conflict = (await stale.json()) as BatchConflict;
    expect(conflict.conflictingIds).toEqual([must(a, "a").id]);
    expect(conflict.current.revision).toBe(3);
    expect(
      must(
        conflict.current.cuboids.find((c) => c.id === must(a, "a").id),
        "conflict.current.cuboids.find((c) => c.id === a.id)",
      ).centerM.x,
    ).toBeCloseTo(must(a, "a").centerM.x + 1, 9);
    // Rebased on what it saw, carol's edit goes through.
    expect(
      (await post(batch(3, [{ op: "putCuboid", cuboid: moved(must(a, "a"), 5) }], "carol"))).status,
    ).toBe(200);
  });

  it("is idempotent by batchId, keeps every revision readable, and logs who, when, what and provenance", async () => {
    const a = must(base.cuboids[0], "base.cuboids[0]");
    const edit = batch(1, [{ op: "putCuboid", cuboid: { ...moved(a, 1), provenance: "auto-fit" } }]);
    expect(await (await post(edit)).json()).toEqual({ revision: 2 });
    expect(await (await post(edit)).json()).toEqual({ revision: 2 });
    expect(await (await post(batch(2, [{ op: "deleteCuboid", id: a.id }]))).json()).toEqual({ revision: 3 });
    const at = async (rev?: number) =>
      (await (
        await request(
          `/api/sequences/${sequenceId}/annotations${rev === undefined ? "" : `?revision=${rev}`}`,
        )
      ).json()) as AnnotationSnapshot;
    expect(
      must(
        (await at(1)).cuboids.find((c) => c.id === a.id),
        "(await at(1)).cuboids.find((c) => c.id === a.id)",
      ).centerM,
    ).toEqual(a.centerM);
    expect(
      must(
        (await at(2)).cuboids.find((c) => c.id === a.id),
        "(await at(2)).cuboids.find((c) => c.id === a.id)",
      ).centerM.x,
    ).toBeCloseTo(a.centerM.x + 1, 9);
    expect(
      must(
        (await at(2)).cuboids.find((c) => c.id === a.id),
        "(await at(2)).cuboids.find((c) => c.id === a.id)",
      ).provenance,
    ).toBe("auto-fit");
    expect((await at()).cuboids.find((c) => c.id === a.id)).toBeUndefined();
    expect((await at(3)).cuboids).toHaveLength(base.cuboids.length - 1);
    expect((await request(`/api/sequences/${sequenceId}/annotations?revision=9`)).status).toBe(404);
    const page = (await (await request(`/api/sequences/${sequenceId}/history?afterRevision=1`)).json()) as {
      entries: Array<{ revision: number; author: string; provenance: string; createdAt: string }>;
      nextAfterRevision: number | null;
    };
    expect(page.nextAfterRevision).toBeNull();
    const history = page.entries;
    expect(history.map((h) => [h.revision, h.author, h.provenance])).toEqual([
      [2, "alice", "auto-fit"],
      [3, "alice", ""],
    ]);
    expect(Number.isNaN(Date.parse(must(history[0], "history[0]").createdAt))).toBe(false);
  });

  it("rejects a cuboid on a missing track or frame (400) and a malformed batch (400)", async () => {
    const a = must(base.cuboids[0], "base.cuboids[0]");
    const r = await post(batch(1, [{ op: "putCuboid", cuboid: { ...a, id: "new", trackId: "ghost" } }]));
    expect(r.status).toBe(400);
    expect(((await r.json()) as { message: string }).message).toMatch(/track ghost does not exist/);
    expect((await post(batch(1, [{ op: "putCuboid", cuboid: { ...a, frameIndex: 7 } }]))).status).toBe(400);
    const bad = await request(`/api/sequences/${sequenceId}/annotations/batches`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ batchId: "short", baseRevision: 1, author: "x", operations: [] }),
    });
    expect(bad.status).toBe(400);
    // Deleting a track that still has cuboids would orphan them; with its cuboids it is fine.
    const orphaning = await post(batch(1, [{ op: "deleteTrack", trackId: a.trackId }]));
    expect(orphaning.status).toBe(400);
    expect(((await orphaning.json()) as { message: string }).message).toMatch(
      new RegExp(`deleteTrack ${a.trackId}: cuboid .* still belongs to it`),
    );
    const ofTrack = base.cuboids.filter((c) => c.trackId === a.trackId);
    const whole = await post(
      batch(1, [
        { op: "deleteTrack", trackId: a.trackId },
        ...ofTrack.map((c) => ({ op: "deleteCuboid" as const, id: c.id })),
      ]),
    );
    expect(whole.status).toBe(200);
    // A new track and its first cuboid in one batch are fine.
    const ok = await post(
      batch(2, [
        { op: "putTrack", track: { trackId: "t-new", className: "Car", attributes: {} } },
        { op: "putCuboid", cuboid: { ...a, id: "c-new", trackId: "t-new", provenance: "human" } },
      ]),
    );
    expect(ok.status).toBe(200);
  });

  it("concurrent writers: 6 disjoint edits all land with distinct revisions; 18 racing edits of one object let exactly one through", async () => {
    const ids = base.cuboids.map((c) => c.id);
    const disjoint = await Promise.all(
      base.cuboids.map((c, i) => post(batch(1, [{ op: "putCuboid", cuboid: moved(c, i + 1) }], `w${i}`))),
    );
    expect(disjoint.map((r) => r.status)).toEqual(ids.map(() => 200));
    const revisions = await Promise.all(
      disjoint.map(async (r) => ((await r.json()) as { revision: number }).revision),
    );
    expect([...revisions].sort((x, y) => x - y)).toEqual(ids.map((_, i) => i + 2));
    const head = 1 + ids.length;
    const target = must(base.cuboids[0], "base.cuboids[0]");
    const racing = await Promise.all(
      Array.from({ length: 18 }, (_, i) =>
        post(batch(head, [{ op: "putCuboid", cuboid: moved(target, 100 + i) }], `r${i}`)),
      ),
    );
    const statuses = racing.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(17);
    const now = (await (
      await request(`/api/sequences/${sequenceId}/annotations`)
    ).json()) as AnnotationSnapshot;
    expect(now.revision).toBe(head + 1);
  });
});
