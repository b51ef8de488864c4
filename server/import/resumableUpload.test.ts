import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { zipSync } from "fflate";
import { beforeEach, expect, it } from "vitest";
import { describeRealData, realDataPath } from "../../scripts/testing/realData";
import { createApp } from "../app";
import type { ServerDeps } from "../ServerDeps";
import { listSequences } from "../store/listSequences";
import { tempDirsForFile } from "../testing/tempDirsForFile";
import { addTestUser, withHeaders } from "../testing/testAuth";
import { testStoreKinds } from "../testing/testStores";
import { useTestDeps } from "../testing/useTestDeps";
import { must } from "../../core/model/must";

const tempDir = tempDirsForFile();
const TUS = { "Tus-Resumable": "1.0.0" };

/** The SUSTechPOINTS scene without images, zipped. */
function sceneZip(): Uint8Array {
  const root = realDataPath("sustechpoints/data/example");
  const entries: Record<string, Uint8Array> = {};
  for (const dir of ["lidar", "label", "calib/camera"])
    for (const f of readdirSync(join(root, dir)))
      entries[`example/${dir}/${f}`] = readFileSync(join(root, dir, f));
  return zipSync(entries, { level: 0 });
}

/** A body that sends `bytes` up to `cut` in 64 KiB chunks, then fails: a connection dropped mid-chunk. */
function droppedAfter(bytes: Uint8Array, cut: number): ReadableStream<Uint8Array> {
  let sent = 0;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (sent >= cut) {
        // Let the server write what it received before the connection goes.
        await new Promise((r) => setTimeout(r, 200));
        return controller.error(new Error("connection dropped"));
      }
      const n = Math.min(65536, cut - sent);
      controller.enqueue(bytes.slice(sent, sent + n));
      sent += n;
    },
  });
}

describeRealData("resumable upload (tus)", () => {
  const t = useTestDeps(must(testStoreKinds()[0], "testStoreKinds()[0]"));
  let deps: ServerDeps;
  let request: (path: string, init?: RequestInit) => Promise<Response>;
  beforeEach(async () => {
    deps = { ...t.deps, uploadsDir: tempDir("cuboidal-tus-") };
    const app = createApp(deps);
    const lead = await addTestUser(deps.store, `lead-${crypto.randomUUID().slice(0, 8)}`, {
      roles: { default: "lead" },
    });
    request = withHeaders(app.request.bind(app), lead.headers);
  });

  it("resumes after a dropped connection from the offset the server kept, then previews and imports", async () => {
    const zip = sceneZip();
    const created = await request("/api/imports/uploads", {
      method: "POST",
      headers: {
        ...TUS,
        "Upload-Length": String(zip.length),
        "Upload-Metadata": `filename ${btoa("example.zip")}`,
      },
    });
    expect(created.status).toBe(201);
    const location = must(created.headers.get("Location"), 'created.headers.get("Location")');
    const id = must(
      new URL(location, "http://x").pathname.split("/").pop(),
      'new URL(location, "http://x").pathname.split("/").pop()',
    );

    const patch = async (offset: number, body: BodyInit): Promise<Response | Error> => {
      try {
        return await request(`/api/imports/uploads/${id}`, {
          method: "PATCH",
          headers: {
            ...TUS,
            "Upload-Offset": String(offset),
            "Content-Type": "application/offset+octet-stream",
          },
          body,
          duplex: "half",
        } as RequestInit);
      } catch (e) {
        return e as Error;
      }
    };
    await patch(0, droppedAfter(zip, 5_000_000));

    const head = await request(`/api/imports/uploads/${id}`, { method: "HEAD", headers: TUS });
    const offset = Number(head.headers.get("Upload-Offset"));
    expect(offset).toBeGreaterThan(0);
    expect(offset).toBeLessThanOrEqual(5_000_000);
    const early = await request(`/api/imports/uploads/${id}/preview`, { method: "POST" });
    expect(((await early.json()) as { message: string }).message).toMatch(
      /incomplete: \d+ of \d+ bytes received/,
    );

    const rest = (await patch(offset, zip.slice(offset))) as Response;
    expect(rest.status).toBe(204);
    expect(rest.headers.get("Upload-Offset")).toBe(String(zip.length));

    const preview = await request(`/api/imports/uploads/${id}/preview`, { method: "POST" });
    expect(await preview.json()).toMatchObject({ layout: "sustech", frames: 4, boxes: 87, tracks: 25 });
    const imported = await request(`/api/imports/uploads/${id}?name=Resumed`, { method: "POST" });
    expect(await imported.json()).toMatchObject({ frames: 4, cuboids: 87 });
    expect((await listSequences(deps.store))[0]).toMatchObject({ name: "Resumed", frameCount: 4 });
    expect(
      readdirSync(must(deps.uploadsDir, "deps.uploadsDir")).filter(
        (f) => f.startsWith(id) && !f.endsWith(".json"),
      ),
    ).toEqual([]);
  });

  it("lands in the project it was created for; its Location keeps that project; no other project takes it", async () => {
    const other = crypto.randomUUID();
    await deps.store.db
      .insertInto("projects")
      .values({ id: other, name: "Elsewhere", classes: "[]" })
      .execute();
    const app = createApp(deps);
    // A lead of the other project only (the Default project refuses them), and a lead of both.
    const onlyThere = await addTestUser(deps.store, `there-${crypto.randomUUID().slice(0, 8)}`, {
      roles: { [other]: "lead" },
    });
    const both = await addTestUser(deps.store, `both-${crypto.randomUUID().slice(0, 8)}`, {
      roles: { default: "lead", [other]: "lead" },
    });
    const asThere = withHeaders(app.request.bind(app), onlyThere.headers);
    const asBoth = withHeaders(app.request.bind(app), both.headers);
    const zip = sceneZip();
    const created = await asThere(`/api/imports/uploads?projectId=${other}`, {
      method: "POST",
      headers: {
        ...TUS,
        "Upload-Length": String(zip.length),
        // A client's own projectId in the metadata is overwritten by the server's.
        "Upload-Metadata": `filename ${btoa("example.zip")},projectId ${btoa("default")}`,
      },
    });
    expect(created.status).toBe(201);
    const location = must(created.headers.get("Location"), 'created.headers.get("Location")');
    expect(location).toMatch(new RegExp(`^/api/imports/uploads/[A-Za-z0-9_-]+\\?projectId=${other}$`));
    const id = must(
      new URL(location, "http://x").pathname.split("/").pop(),
      'new URL(location, "http://x").pathname.split("/").pop()',
    );
    const patched = await asThere(location, {
      method: "PATCH",
      headers: { ...TUS, "Upload-Offset": "0", "Content-Type": "application/offset+octet-stream" },
      body: zip as Uint8Array<ArrayBuffer>,
    });
    expect(patched.status).toBe(204);
    // Without the project the Default project's check applies: this lead has no role there.
    expect((await asThere(`/api/imports/uploads/${id}`, { method: "HEAD", headers: TUS })).status).toBe(403);

    const wrong = await asBoth(`/api/imports/uploads/${id}?name=Wrong`, { method: "POST" });
    expect(wrong.status).toBe(400);
    expect(((await wrong.json()) as { message: string }).message).toMatch(/was uploaded for another project/);
    const preview = await asThere(`/api/imports/uploads/${id}/preview?projectId=${other}`, {
      method: "POST",
    });
    expect(await preview.json()).toMatchObject({ layout: "sustech", frames: 4, duplicateOf: null });
    const imported = await asThere(`/api/imports/uploads/${id}?projectId=${other}&name=There`, {
      method: "POST",
    });
    expect(imported.status).toBe(200);
    const seqs = await listSequences(deps.store);
    expect(seqs.map((q) => [q.name, q.projectId])).toEqual([["There", other]]);
  });
});
