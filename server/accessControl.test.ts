import { beforeEach, describe, expect, it } from "vitest";
import type { AnnotationSnapshot } from "../core/api/annotationBatch";
import type { Access } from "./apiAccess";
import type { createApp } from "./app";
import { type AccessFixture, useAccessFixture } from "./testing/accessFixture";
import type { TestUser } from "./testing/testAuth";
import { testStoreKinds } from "./testing/testStores";
import { must } from "../core/model/must";

type Operation = { "x-access": Access };
type Doc = { paths: Record<string, Record<string, Operation>> };

describe.each(testStoreKinds())("access control on $name", (kind) => {
  const ctx = useAccessFixture(kind);
  let app: ReturnType<typeof createApp>;
  let f: AccessFixture;
  beforeEach(() => {
    ({ app, f } = ctx);
  });
  const call = (method: string, path: string, user?: TestUser, body?: unknown) =>
    app.request(path, {
      method,
      headers: {
        ...(user?.headers ?? {}),
        ...(body === undefined ? {} : { "Content-Type": "application/json" }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });

  /** The member whose role may not call a route, or null when every signed-in user may. */
  const refusedUser = (a: Access): TestUser | null => {
    if (a.kind === "admin") return f.lead;
    if (!("roles" in a)) return null;
    if (a.roles.length === 5) return f.outsider;
    if (!a.roles.includes("viewer") && a.kind !== "task") return f.viewer;
    return f.annotator;
  };

  it("walks the OpenAPI document: every route answers 401 without a credential and 403 to a role that may not use it", async () => {
    const doc = (await (await app.request("/api/openapi.json")).json()) as Doc;
    const seen: string[] = [];
    for (const [path, ops] of Object.entries(doc.paths))
      for (const [method, op] of Object.entries(ops)) {
        const access = op["x-access"];
        const url = f.fill(path);
        seen.push(`${method.toUpperCase()} ${path}`);
        if (access.kind === "public") continue;
        const noBody = method === "get" || method === "head";
        const anonymous = await call(method.toUpperCase(), url, undefined, noBody ? undefined : {});
        expect([`${method} ${path}`, anonymous.status]).toEqual([`${method} ${path}`, 401]);
        const refused = refusedUser(access);
        if (!refused) continue;
        const res = await call(method.toUpperCase(), url, refused, noBody ? undefined : {});
        expect([`${method} ${path} as ${refused.username}`, res.status]).toEqual([
          `${method} ${path} as ${refused.username}`,
          403,
        ]);
      }
    // The document lists exactly the routes the app serves: a route added without an entry fails here.
    const served = app.routes
      .filter((r) => r.method !== "ALL")
      .map((r) => `${r.method} ${r.path.replace(/:(\w+)/g, "{$1}").replace(/\/$/, "")}`);
    expect([...new Set(served)].sort()).toEqual([...seen].sort());
  });

  it("an annotator cannot read or write a sequence of a project they are not in, nor edit outside their task", async () => {
    const { annotator, otherSequenceId, sequenceId } = f;
    expect((await call("GET", `/api/sequences/${otherSequenceId}`, annotator)).status).toBe(403);
    expect((await call("GET", `/api/sequences/${otherSequenceId}/annotations`, annotator)).status).toBe(403);
    const list = (await (await call("GET", "/api/sequences", annotator)).json()) as Array<{ id: string }>;
    expect(list.map((s) => s.id)).toEqual([sequenceId]);
    const snap = (await (
      await call("GET", `/api/sequences/${sequenceId}/annotations`, f.admin)
    ).json()) as AnnotationSnapshot;
    const onFrame = (i: number) =>
      must(
        snap.cuboids.find((c) => c.frameIndex === i),
        "snap.cuboids.find((c) => c.frameIndex === i)",
      );
    const edit = (seq: string, frame: number, user: TestUser) =>
      call("POST", `/api/sequences/${seq}/annotations/batches`, user, {
        batchId: crypto.randomUUID(),
        baseRevision: snap.revision,
        author: "someone-else",
        operations: [
          { op: "putCuboid", cuboid: { ...onFrame(frame), centerM: { ...onFrame(frame).centerM, x: 9 } } },
        ],
      });
    expect((await edit(otherSequenceId, 0, annotator)).status).toBe(403);
    // Frame 1 is outside the annotator's task (frame 0 only); the viewer may not write at all.
    const outside = await edit(sequenceId, 1, annotator);
    expect(outside.status).toBe(403);
    expect(((await outside.json()) as { message: string }).message).toMatch(/frame 1 is outside/);
    expect((await edit(sequenceId, 0, f.viewer)).status).toBe(403);
    expect((await edit(sequenceId, 0, annotator)).status).toBe(200);
    // The history names the signed-in user, not the author the client sent.
    const history = (
      (await (await call("GET", `/api/sequences/${sequenceId}/history?afterRevision=1`, f.admin)).json()) as {
        entries: Array<{ author: string }>;
      }
    ).entries;
    expect(history.map((h) => h.author)).toEqual(["annotator"]);
    // Leads may look up users to add them; annotators may not.
    expect((await call("GET", "/api/users/directory", annotator)).status).toBe(403);
    const directory = (await (await call("GET", "/api/users/directory", f.lead)).json()) as Array<{
      username: string;
    }>;
    expect(directory.map((u) => u.username)).toContain("outsider");
    // Someone else's task: the annotator may not reassign it.
    expect(
      (await call("PATCH", `/api/tasks/${f.taskId}`, annotator, { labelerId: annotator.id })).status,
    ).toBe(403);
    const lead = f.lead;
    const other = await call("POST", "/api/projects/default/tasks", lead, {
      sequenceId,
      frameStart: 1,
      frameEnd: 2,
      labelerId: f.reviewer.id,
    });
    expect(other.status).toBe(201);
    const otherTask = (await other.json()) as { id: string };
    expect(
      (await call("PATCH", `/api/tasks/${otherTask.id}`, annotator, { labelerId: annotator.id })).status,
    ).toBe(403);
    // A blob of the other project is not there for them.
    const otherDetail = (await (await call("GET", `/api/sequences/${otherSequenceId}`, f.admin)).json()) as {
      frames: Array<{ lidarBlob: string }>;
    };
    expect(must(otherDetail.frames[0], "otherDetail.frames[0]").lidarBlob).toBe(f.blobHash); // same bytes, same hash: readable through their own project
    expect((await call("GET", `/api/blobs/${f.blobHash}`, f.outsider)).status).toBe(404);
  });

  it("hands out fresh track ids above every numeric id in use, never the same twice", async () => {
    const take = async () =>
      (
        (await (
          await call("POST", `/api/sequences/${f.sequenceId}/track-ids`, f.annotator, { count: 3 })
        ).json()) as { trackIds: string[] }
      ).trackIds;
    const snap = (await (
      await call("GET", `/api/sequences/${f.sequenceId}/annotations`, f.admin)
    ).json()) as AnnotationSnapshot;
    const [a, b] = await Promise.all([take(), take()]);
    const all = [...must(a, "a"), ...must(b, "b")];
    expect(new Set(all).size).toBe(6);
    for (const id of all) expect(snap.tracks.some((t) => t.trackId === id)).toBe(false);
  });
});
