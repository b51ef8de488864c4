import { rmSync } from "node:fs";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { AnnotationSnapshot } from "../../core/api/annotationBatch";
import type { Cuboid } from "../../core/model/Cuboid";
import { createApp } from "../app";
import { importSequence } from "../import/importSequence";
import { applyBatch } from "../store/applyBatch";
import type { HistoryEntry, HistoryPage } from "../store/readHistory";
import { readServerSentEvents } from "../testing/readServerSentEvents";
import { addTestUser, withHeaders } from "../testing/testAuth";
import { testStoreKinds } from "../testing/testStores";
import { useTestDeps } from "../testing/useTestDeps";
import { writeTinySequence } from "../testing/writeTinySequence";
import { must } from "../../core/model/must";

const moved = (c: Cuboid, x: number): Cuboid => ({ ...c, centerM: { ...c.centerM, x } });

describe.each(testStoreKinds())("live updates on $name", (kind) => {
  const t = useTestDeps(kind);
  let tiny: string;
  let app: ReturnType<typeof createApp>;
  let alice: (path: string, init?: RequestInit) => Promise<Response>;
  let bob: (path: string, init?: RequestInit) => Promise<Response>;
  let sequenceId: string;
  let base: AnnotationSnapshot;
  beforeAll(() => {
    tiny = writeTinySequence(3, 2);
  });
  afterAll(() => rmSync(tiny, { recursive: true, force: true }));
  beforeEach(async () => {
    app = createApp(t.deps);
    alice = withHeaders(
      app.request.bind(app),
      (await addTestUser(t.deps.store, "alice", { isAdmin: true })).headers,
    );
    bob = withHeaders(
      app.request.bind(app),
      (await addTestUser(t.deps.store, "bob", { roles: { default: "viewer" } })).headers,
    );
    sequenceId = (await importSequence(t.deps, tiny)).sequenceId;
    base = (await (await alice(`/api/sequences/${sequenceId}/annotations`)).json()) as AnnotationSnapshot;
  });
  const save = async (baseRevision: number, cuboid: Cuboid) => {
    const res = await alice(`/api/sequences/${sequenceId}/annotations/batches`, {
      method: "POST",
      headers: { "Content-Type": "application/json", "X-Cuboidal-Client": "1" },
      body: JSON.stringify({
        batchId: crypto.randomUUID(),
        baseRevision,
        operations: [{ op: "putCuboid", cuboid }],
      }),
    });
    expect(res.status).toBe(200);
    return ((await res.json()) as { revision: number }).revision;
  };

  it("streams each accepted batch once, in order, to a viewer; resumes after Last-Event-ID", async () => {
    const res = await bob(
      `/api/sequences/${sequenceId}/live?afterRevision=${base.revision}&clientId=bob-tab`,
    );
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/text\/event-stream/);
    const events = readServerSentEvents(res);
    const hello = JSON.parse((await events.next((e) => e.event === "hello")).data) as { revision: number };
    expect(hello.revision).toBe(base.revision);
    const c = must(base.cuboids[0], "base.cuboids[0]");
    const r1 = await save(base.revision, moved(c, 11));
    const e1 = await events.next((e) => e.event === "batch");
    expect(e1.id).toBe(String(r1));
    const entry = JSON.parse(e1.data) as HistoryEntry;
    expect(entry.author).toBe("alice");
    expect(entry.operations).toMatchObject([{ op: "putCuboid", cuboid: { id: c.id, centerM: { x: 11 } } }]);
    await events.close();

    // Two batches while away: a reconnect with Last-Event-ID gets both, then nothing twice.
    const r2 = await save(r1, moved(c, 12));
    const r3 = await save(r2, moved(c, 13));
    const again = readServerSentEvents(
      await bob(`/api/sequences/${sequenceId}/live?afterRevision=0`, {
        headers: { "Last-Event-ID": String(r1) },
      }),
    );
    expect((await again.next((e) => e.event === "batch")).id).toBe(String(r2));
    expect((await again.next((e) => e.event === "batch")).id).toBe(String(r3));
    const r4 = await save(r3, moved(c, 14));
    expect((await again.next((e) => e.event === "batch")).id).toBe(String(r4));
    await again.close();
  });

  // Each stream read the log (three queries) for every notice; a notice now carries its entry.
  it("streams a notice's entry as the log holds it; a batch announced by no one is read from the log", async () => {
    const events = readServerSentEvents(
      await bob(`/api/sequences/${sequenceId}/live?afterRevision=${base.revision}`),
    );
    await events.next((e) => e.event === "hello");
    const c = must(base.cuboids[0], "the base's first cuboid");
    const r1 = await save(base.revision, moved(c, 21));
    const streamed = JSON.parse((await events.next((e) => e.event === "batch")).data) as HistoryEntry;
    const logged = (await (
      await alice(`/api/sequences/${sequenceId}/history?afterRevision=${base.revision}`)
    ).json()) as HistoryPage;
    expect(logged.entries).toEqual([streamed]);
    // r2 is written without a notice (a process that died before announcing it); r3's notice shows the gap.
    const r2 = await applyBatch(
      t.deps.store,
      sequenceId,
      {
        batchId: crypto.randomUUID(),
        baseRevision: r1,
        operations: [{ op: "putCuboid", cuboid: moved(c, 22) }],
      },
      "alice",
    );
    expect(r2).toMatchObject({ status: "accepted", revision: r1 + 1 });
    const r3 = await save(r1 + 1, moved(c, 23));
    expect((await events.next((e) => e.event === "batch")).id).toBe(String(r1 + 1));
    expect((await events.next((e) => e.event === "batch")).id).toBe(String(r3));
    // The next entry, announced with its notice, is sent as it is: this one is in no log.
    const announced: HistoryEntry = {
      revision: r3 + 1,
      batchId: "announced-only",
      author: "alice",
      createdAt: new Date(0).toISOString(),
      provenance: "human",
      operations: [],
    };
    await t.deps.store.live.publish({ kind: "batch", sequenceId, revision: r3 + 1, entry: announced });
    expect(JSON.parse((await events.next((e) => e.event === "batch")).data)).toEqual(announced);
    await events.close();
  });

  it("tells everyone in the sequence who is there and what they selected; a closed stream leaves", async () => {
    const watching = readServerSentEvents(
      await alice(`/api/sequences/${sequenceId}/live?clientId=alice-tab`),
    );
    await watching.next((e) => e.event === "hello");
    const bobStream = readServerSentEvents(await bob(`/api/sequences/${sequenceId}/live?clientId=bob-tab`));
    await bobStream.next((e) => e.event === "hello");
    const said = await bob(`/api/sequences/${sequenceId}/presence`, {
      method: "POST",
      headers: { "Content-Type": "application/json", "X-Cuboidal-Client": "1" },
      body: JSON.stringify({
        clientId: "bob-tab",
        selectedIds: [must(base.cuboids[1], "base.cuboids[1]").id],
        frameIndex: 1,
      }),
    });
    expect(said.status).toBe(204);
    const seen = JSON.parse((await watching.next((e) => e.event === "presence")).data) as Array<{
      username: string;
      selectedIds: string[];
    }>;
    expect(seen).toEqual([
      {
        clientId: "bob-tab",
        username: "bob",
        selectedIds: [must(base.cuboids[1], "base.cuboids[1]").id],
        frameIndex: 1,
      },
    ]);
    await bobStream.close();
    const after = await watching.next((e) => e.event === "presence");
    expect(JSON.parse(after.data)).toEqual([]);
    await watching.close();
  });

  it("refuses a revision from the future and an unknown sequence", async () => {
    const ahead = await bob(`/api/sequences/${sequenceId}/live?afterRevision=${base.revision + 5}`);
    expect(ahead.status).toBe(400);
    expect(((await ahead.json()) as { message: string }).message).toMatch(/after the newest revision/);
    expect((await alice("/api/sequences/nope/live")).status).toBe(404);
  });

  it("pages the operation log: a limit per page and a cursor to the next", async () => {
    let rev = base.revision;
    for (let i = 0; i < 5; i++) rev = await save(rev, moved(must(base.cuboids[0], "base.cuboids[0]"), i));
    const page = (await (
      await bob(`/api/sequences/${sequenceId}/history?afterRevision=0&limit=2`)
    ).json()) as HistoryPage;
    expect(page.entries.map((e) => e.revision)).toEqual([1, 2]);
    expect(page.nextAfterRevision).toBe(2);
    const all: number[] = [];
    for (let after: number | null = 0; after !== null; ) {
      const p = (await (
        await bob(`/api/sequences/${sequenceId}/history?afterRevision=${after}&limit=4`)
      ).json()) as HistoryPage;
      all.push(...p.entries.map((e) => e.revision));
      after = p.nextAfterRevision;
    }
    expect(all).toEqual([1, 2, 3, 4, 5, 6]);
    expect((await bob(`/api/sequences/${sequenceId}/history?limit=0`)).status).toBe(400);
    expect((await bob(`/api/sequences/${sequenceId}/history?limit=501`)).status).toBe(400);
  });

  it("refuses (409) a batch that would put two classes under one track id in one frame", async () => {
    const c = must(base.cuboids[0], "base.cuboids[0]");
    const batch = (className: string, id: string) => ({
      batchId: crypto.randomUUID(),
      baseRevision: base.revision,
      operations: [
        { op: "putTrack", track: { trackId: "70", className, attributes: {} } },
        { op: "putCuboid", cuboid: { ...c, id, trackId: "70", className } },
      ],
    });
    const send = (b: unknown) =>
      alice(`/api/sequences/${sequenceId}/annotations/batches`, {
        method: "POST",
        headers: { "Content-Type": "application/json", "X-Cuboidal-Client": "1" },
        body: JSON.stringify(b),
      });
    expect((await send(batch("Car", "box-car"))).status).toBe(200);
    // A second creator of track 70 on a base before the first: its track changed since → 409.
    const clash = await send(batch("Pedestrian", "box-ped"));
    expect(clash.status).toBe(409);
    // Even on the newest base, a Pedestrian box beside the Car in track 70's frame is refused.
    const head = (
      (await (await alice(`/api/sequences/${sequenceId}/annotations`)).json()) as AnnotationSnapshot
    ).revision;
    const again = await send({
      batchId: crypto.randomUUID(),
      baseRevision: head,
      operations: [
        { op: "putCuboid", cuboid: { ...c, id: "box-ped", trackId: "70", className: "Pedestrian" } },
      ],
    });
    expect(again.status).toBe(409);
    expect(((await again.json()) as { conflictingIds: string[] }).conflictingIds).toEqual(["70"]);
  });

  it("pages GET /sequences: limit per page, the next page in a Link header, a bad cursor is 400", async () => {
    const other = writeTinySequence(2, 1);
    try {
      await importSequence(t.deps, other);
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
    const first = await alice("/api/sequences?limit=1");
    const page1 = (await first.json()) as Array<{ id: string }>;
    expect(page1).toHaveLength(1);
    const next = /<([^>]+)>; rel="next"/.exec(first.headers.get("Link") ?? "")?.[1];
    expect(next).toMatch(/^\/api\/sequences\?/);
    const second = await alice(must(next, "next"));
    const page2 = (await second.json()) as Array<{ id: string }>;
    expect(page2).toHaveLength(1);
    expect(must(page2[0], "page2[0]").id).not.toBe(must(page1[0], "page1[0]").id);
    expect(second.headers.get("Link")).toBeNull();
    const all = (await (await alice("/api/sequences")).json()) as Array<{ id: string }>;
    expect(all.map((s) => s.id)).toEqual([must(page1[0], "page1[0]").id, must(page2[0], "page2[0]").id]);
    expect((await alice("/api/sequences?after=bogus")).status).toBe(400);
    expect((await alice("/api/sequences?limit=501")).status).toBe(400);
  });
});
