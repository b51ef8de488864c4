import { rmSync } from "node:fs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createApp } from "../app";
import { importSequence } from "../import/importSequence";
import type { JobRecord } from "../jobs/JobRecord";
import { readAnnotations } from "../store/readAnnotations";
import { startTestModelServer, type TestModelServer } from "../testing/startTestModelServer";
import { addTestUser } from "../testing/testAuth";
import { testStoreKinds } from "../testing/testStores";
import { useTestDeps } from "../testing/useTestDeps";
import { writeSyntheticCarSequence } from "../testing/writeSyntheticCarSequence";
import { writeTinySequence } from "../testing/writeTinySequence";
import { pointsToPlugin } from "./pluginPoints";
import { must } from "../../core/model/must";

const TOKEN = "model-server-secret-token-7f3a";

describe.each(testStoreKinds())("pre-label jobs through model plugins on $name", (kind) => {
  const t = useTestDeps(kind);
  let app: ReturnType<typeof createApp>;
  let lead: Record<string, string>;
  let annotator: Record<string, string>;
  let model: TestModelServer;
  beforeEach(async () => {
    // The test model server listens on the loopback: this deployment's admin allows that.
    app = createApp({ ...t.deps, allowPrivatePluginUrls: true });
    lead = (await addTestUser(t.deps.store, "lena", { roles: { default: "lead" } })).headers;
    annotator = (await addTestUser(t.deps.store, "anna", { roles: { default: "annotator" } })).headers;
    model = await startTestModelServer(TOKEN);
  });
  afterEach(async () => model.close());

  const send = (path: string, method: string, headers: Record<string, string>, body?: unknown) =>
    app.request(path, {
      method,
      headers: { ...headers, ...(body ? { "content-type": "application/json" } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
  const job = async (jobId: string): Promise<JobRecord> =>
    (await send(`/api/jobs/${jobId}`, "GET", lead)).json() as Promise<JobRecord>;
  const waitFor = async (jobId: string, until: (j: JobRecord) => boolean) => {
    for (;;) {
      const j = await job(jobId);
      if (until(j)) return j;
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  const importFolder = async (dir: string) => {
    const id = (await importSequence(t.deps, dir)).sequenceId;
    rmSync(dir, { recursive: true, force: true });
    return id;
  };

  it("refuses a model server on the loopback unless the admin allows private addresses", async () => {
    const strict = createApp(t.deps);
    const res = await strict.request("/api/projects/default/plugin", {
      method: "PUT",
      headers: { ...lead, "content-type": "application/json" },
      body: JSON.stringify({ url: model.url, token: TOKEN }),
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { message: string }).message).toContain("PLUGIN_ALLOW_PRIVATE=1");
    expect(await (await send("/api/projects/default/plugin", "GET", lead)).json()).toMatchObject({
      kind: "builtin",
    });
  });

  it("a lead points the project at a model server; the job detects, tracks and stores with provenance", async () => {
    const id = await importFolder(writeTinySequence(3, 0));
    expect(await (await send("/api/projects/default/plugin", "GET", lead)).json()).toMatchObject({
      kind: "builtin",
      url: "/api/plugins/builtin",
    });
    const config = { url: model.url, token: TOKEN };
    expect((await send("/api/projects/default/plugin", "PUT", annotator, config)).status).toBe(403);
    expect((await send("/api/projects/default/plugin", "GET", annotator)).status).toBe(403);
    expect(
      (await send("/api/projects/default/plugin", "PUT", lead, { ...config, url: "ftp://x" })).status,
    ).toBe(400);
    const set = await send("/api/projects/default/plugin", "PUT", lead, config);
    const view = await set.text();
    expect(view).not.toContain(TOKEN);
    expect(JSON.parse(view)).toMatchObject({ kind: "external", url: model.url, tokenHint: "…7f3a" });

    expect((await send(`/api/sequences/${id}/prelabel-jobs`, "POST", annotator, {})).status).toBe(403);
    const started = await send(`/api/sequences/${id}/prelabel-jobs`, "POST", lead, {});
    expect(started.status).toBe(202);
    const { jobId } = (await started.json()) as JobRecord;
    const done = await waitFor(jobId, (j) => j.state === "done" || j.state === "failed");
    expect(done).toMatchObject({ state: "done", done: 4, total: 4 });
    expect(done.result).toMatchObject({
      status: "applied",
      added: 3,
      replaced: 0,
      model: { name: "test-detector", version: "0.1" },
      plugin: model.url,
      frames: 3,
    });
    // Every frame's points reached the model server (20 per tiny frame), then one track call.
    expect(model.calls.map((c) => [c.path, c.frames.join(","), c.points])).toEqual([
      ["/detect", "000000", 20],
      ["/detect", "000001", 20],
      ["/detect", "000002", 20],
      ["/track", "000000,000001,000002", undefined],
    ]);
    const snap = must(await readAnnotations(t.deps.store, id), "await readAnnotations(t.deps.store, id)");
    expect(snap.cuboids).toHaveLength(3);
    expect(new Set(snap.cuboids.map((c) => c.trackId)).size).toBe(1);
    for (const c of snap.cuboids)
      expect(c.prediction).toMatchObject({ model: "test-detector", version: "0.1", score: 0.9 });
    // The tiny frames' points lie at x = 0…9.5: mean 4.75 (lidar coordinates).
    expect(must(snap.cuboids[0], "snap.cuboids[0]").centerM.x).toBeCloseTo(4.75, 5);
  });

  it("cancel stops the run before anything is written; retry runs it again; a bad reply fails naming the field", async () => {
    const id = await importFolder(writeTinySequence(3, 0));
    await send("/api/projects/default/plugin", "PUT", lead, { url: model.url, token: TOKEN });
    let release = () => {};
    model.hold = new Promise<void>((r) => (release = r));
    const { jobId } = (await (
      await send(`/api/sequences/${id}/prelabel-jobs`, "POST", lead, {})
    ).json()) as JobRecord;
    await waitFor(jobId, (j) => j.state === "running");
    while (model.calls.length === 0) await new Promise((r) => setTimeout(r, 20));
    expect((await send(`/api/jobs/${jobId}/cancel`, "POST", annotator)).status).toBe(404);
    const cancelled = (await (await send(`/api/jobs/${jobId}/cancel`, "POST", lead)).json()) as JobRecord;
    expect(cancelled.state).toBe("cancelled");
    model.hold = null;
    release();
    // The running attempt notices at its next frame and stops: no track call, no boxes.
    await new Promise((r) => setTimeout(r, 1500));
    expect(model.calls.map((c) => c.path)).toEqual(["/detect"]);
    expect(
      must(await readAnnotations(t.deps.store, id), "await readAnnotations(t.deps.store, id)").cuboids,
    ).toHaveLength(0);
    expect((await job(jobId)).state).toBe("cancelled");

    expect(((await (await send(`/api/jobs/${jobId}/retry`, "POST", lead)).json()) as JobRecord).state).toBe(
      "queued",
    );
    const done = await waitFor(jobId, (j) => j.state === "done" || j.state === "failed");
    expect(done.state).toBe("done");
    expect(
      must(await readAnnotations(t.deps.store, id), "await readAnnotations(t.deps.store, id)").cuboids,
    ).toHaveLength(3);

    model.mode = "bad-reply";
    const second = (await (
      await send(`/api/sequences/${id}/prelabel-jobs`, "POST", lead, {})
    ).json()) as JobRecord;
    const failed = await waitFor(second.jobId, (j) => j.state === "failed" || j.state === "done");
    expect(failed.state).toBe("failed");
    expect(failed.message).toBe(
      `model server ${model.url}/detect: reply field boxes.0.score: Invalid input: expected number, received undefined`,
    );
    // The earlier run's boxes stay: a failed run writes nothing.
    expect(
      must(await readAnnotations(t.deps.store, id), "await readAnnotations(t.deps.store, id)").cuboids,
    ).toHaveLength(3);
  });

  it("out of the box: the built-in plugin finds the car and tracks it through every frame", async () => {
    const id = await importFolder(writeSyntheticCarSequence(4));
    const { jobId } = (await (
      await send(`/api/sequences/${id}/prelabel-jobs`, "POST", lead, {})
    ).json()) as JobRecord;
    const done = await waitFor(jobId, (j) => j.state === "done" || j.state === "failed");
    expect([done.state, done.message]).toEqual(["done", null]);
    expect(done.result).toMatchObject({
      added: 4,
      model: { name: "cuboidal-builtin" },
      plugin: "built-in pre-labeler",
    });
    const snap = must(await readAnnotations(t.deps.store, id), "await readAnnotations(t.deps.store, id)");
    expect(snap.cuboids.map((c) => c.className)).toEqual(["Car", "Car", "Car", "Car"]);
    expect(new Set(snap.cuboids.map((c) => c.trackId)).size).toBe(1);
    const xs = snap.cuboids.sort((a, b) => a.frameIndex - b.frameIndex).map((c) => c.centerM.x);
    for (const [f, x] of xs.entries()) expect(Math.abs(x - (10 + f))).toBeLessThan(0.3);
  });

  it("serves the built-in plugin over HTTP to any signed-in caller, and refuses points that disagree with their count", async () => {
    const positions = new Float32Array([1, 2, 3, 4, 5, 6]);
    const frame = { name: "f", timestampS: 0, worldFromLidar: null };
    const ok = await send("/api/plugins/builtin/detect", "POST", annotator, {
      frame,
      points: pointsToPlugin(positions, { x: 0, y: 0, z: 0 }),
      classes: [],
    });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ model: { name: "cuboidal-builtin", version: "1" }, boxes: [] });
    const bad = await send("/api/plugins/builtin/detect", "POST", annotator, {
      frame,
      points: { ...pointsToPlugin(positions, { x: 0, y: 0, z: 0 }), count: 3 },
      classes: [],
    });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { message: string }).message).toMatch(
      /points\.xyz: 24 bytes .*points\.count 3 needs 36/,
    );
    expect((await app.request("/api/plugins/builtin/track", { method: "POST" })).status).toBe(401);
    const tracked = await send("/api/plugins/builtin/track", "POST", annotator, {
      frames: [0, 1].map((k) => ({
        name: `f${k}`,
        timestampS: k * 0.1,
        worldFromLidar: null,
        boxes: [{ class: "Car", score: 0.8, center: [10 + k, 4, 0], size: [4.5, 1.9, 1.5], yaw: 0 }],
      })),
    });
    const body = (await tracked.json()) as { frames: Array<{ boxes: Array<{ trackId: number }> }> };
    expect(
      must(must(body.frames[0], "body.frames[0]").boxes[0], "must(body.frames[0], 'body.frames[0]').boxes[0]")
        .trackId,
    ).toBe(
      must(must(body.frames[1], "body.frames[1]").boxes[0], "must(body.frames[1], 'body.frames[1]').boxes[0]")
        .trackId,
    );
    // segment-ground: a flat road 1.8 m under the lidar and one point 1 m above it.
    const road: number[] = [];
    for (let x = -10; x <= 10; x += 0.5) for (let y = -10; y <= 10; y += 0.5) road.push(x, y, -1.8);
    road.push(3, 3, -0.8);
    const cloud = new Float32Array(road);
    const segmented = await send("/api/plugins/builtin/segment-ground", "POST", annotator, {
      frame,
      points: pointsToPlugin(cloud, { x: 0, y: 0, z: 0 }),
    });
    expect(segmented.status).toBe(200);
    const flags = Buffer.from(((await segmented.json()) as { ground: string }).ground, "base64");
    expect(flags.length).toBe(cloud.length / 3);
    expect(flags.subarray(0, -1).every((f) => f === 1)).toBe(true);
    expect(flags.at(-1)).toBe(0);
  });
});
