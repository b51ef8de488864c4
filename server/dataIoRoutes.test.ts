import { readdirSync } from "node:fs";
import { join } from "node:path";
import { unzipSync } from "fflate";
import { beforeEach, describe, expect, it } from "vitest";
import { createApp } from "./app";
import { importSequence } from "./import/importSequence";
import type { ServerDeps } from "./ServerDeps";
import { addTestUser } from "./testing/testAuth";
import { testStoreKinds } from "./testing/testStores";
import { useTestDeps } from "./testing/useTestDeps";
import { writeTinySequence } from "./testing/writeTinySequence";
import { must } from "../core/model/must";

describe.each(testStoreKinds())("rename, delete and export jobs on $name", (kind) => {
  const t = useTestDeps(kind);
  let deps: ServerDeps;
  let app: ReturnType<typeof createApp>;
  let id: string;
  let auth: Record<string, string>;
  beforeEach(async () => {
    deps = t.deps;
    app = createApp(deps);
    id = (await importSequence(deps, writeTinySequence(3, 2))).sequenceId;
    auth = (await addTestUser(deps.store, "ana", { roles: { default: "lead" } })).headers;
  });
  const send = (path: string, method: string, body?: unknown) =>
    app.request(path, {
      method,
      headers: { ...auth, ...(body ? { "content-type": "application/json" } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
  const blobFiles = () =>
    readdirSync(t.blobsDir)
      .filter((d) => d !== "tmp")
      .flatMap((d) => readdirSync(join(t.blobsDir, d)));

  it("renames (names checked), deletes only with the name as confirmation, collects the blobs, audits both", async () => {
    expect((await send(`/api/sequences/${id}`, "PATCH", { name: "x".repeat(201) })).status).toBe(400);
    const renamed = await send(`/api/sequences/${id}`, "PATCH", { name: "  Drive 7  " });
    expect(await renamed.json()).toMatchObject({ id, name: "Drive 7", frameCount: 3 });
    expect((await send("/api/sequences/nope", "PATCH", { name: "a" })).status).toBe(404);

    expect(blobFiles()).toHaveLength(3);
    const unconfirmed = await send(`/api/sequences/${id}`, "DELETE");
    expect(unconfirmed.status).toBe(400);
    expect(((await unconfirmed.json()) as { message: string }).message).toMatch(
      /needs \?confirm= with its exact name/,
    );
    const deleted = await send(`/api/sequences/${id}?confirm=${encodeURIComponent("Drive 7")}`, "DELETE");
    expect(await deleted.json()).toEqual({ deleted: id, blobsRemoved: 3 });
    expect(blobFiles()).toEqual([]);
    expect((await send(`/api/sequences/${id}`, "GET")).status).toBe(404);
    const audit = await deps.store.db
      .selectFrom("audit_log")
      .select(["action", "actor_name", "target", "detail"])
      .where("action", "in", ["sequence.renamed", "sequence.deleted"])
      .orderBy("id")
      .execute();
    expect(audit.map((a) => [a.action, a.actor_name, a.target])).toEqual([
      ["sequence.renamed", "ana", `sequence:${id}`],
      ["sequence.deleted", "ana", `sequence:${id}`],
    ]);
    expect(must(audit[1], "audit[1]").detail).toEqual({ name: "Drive 7", frames: 3 });
  });

  it("keeps the blobs another sequence shares when one is deleted", async () => {
    const copy = (await importSequence(deps, writeTinySequence(3, 2), { onDuplicate: "new" })).sequenceId;
    const res = await send(`/api/sequences/${copy}?confirm=tiny`, "DELETE");
    expect(await res.json()).toEqual({ deleted: copy, blobsRemoved: 0 });
    expect(blobFiles()).toHaveLength(3);
  });

  it("runs an export as a job: 202, progress until done, then the zip", async () => {
    const started = await send(`/api/sequences/${id}/exports`, "POST", { format: "native" });
    expect(started.status).toBe(202);
    const { jobId } = (await started.json()) as { jobId: string };
    let job: { state: string; done: number; total: number } = { state: "queued", done: 0, total: 0 };
    while (job.state === "queued" || job.state === "running") {
      await new Promise((r) => setTimeout(r, 50));
      job = (await (await send(`/api/exports/${jobId}`, "GET")).json()) as typeof job;
    }
    expect(job).toMatchObject({ state: "done", done: 3, total: 3 });
    const zip = await send(`/api/exports/${jobId}/download`, "GET");
    expect(zip.headers.get("content-type")).toBe("application/zip");
    const files = unzipSync(new Uint8Array(await zip.arrayBuffer()));
    expect(Object.keys(files).sort()).toEqual([
      "lidar/000000.pcd",
      "lidar/000001.pcd",
      "lidar/000002.pcd",
      "sequence.json",
    ]);
    expect(JSON.parse(new TextDecoder().decode(files["sequence.json"]))).toMatchObject({ name: "tiny" });
    expect((await send(`/api/sequences/${id}/exports`, "POST", { format: "csv" })).status).toBe(400);
    expect((await send("/api/exports/unknown", "GET")).status).toBe(404);
    // The job is the queue's: its generic view agrees, and someone who does not lead the project sees nothing.
    expect(await (await send(`/api/jobs/${jobId}`, "GET")).json()).toMatchObject({
      kind: "export",
      state: "done",
      sequenceId: id,
      input: { sequenceId: id, format: "native" },
    });
    const bob = (await addTestUser(deps.store, "bob", { roles: { default: "annotator" } })).headers;
    for (const path of [`/api/exports/${jobId}`, `/api/exports/${jobId}/download`, `/api/jobs/${jobId}`])
      expect((await app.request(path, { headers: bob })).status).toBe(404);
    expect((await app.request(`/api/jobs/${jobId}/cancel`, { method: "POST", headers: bob })).status).toBe(
      404,
    );
  });
});
