import { beforeEach, describe, expect, it } from "vitest";
import type { AnnotationSnapshot } from "../../core/api/annotationBatch";
import { createApp } from "../app";
import { createS3BlobStore } from "../blobs/createS3BlobStore";
import { importSequence } from "../import/importSequence";
import { addTestUser, type TestUser } from "../testing/testAuth";
import { testStoreKinds } from "../testing/testStores";
import { useTestDeps } from "../testing/useTestDeps";
import { writeTinySequence } from "../testing/writeTinySequence";
import { must } from "../../core/model/must";

const METRICS_TOKEN = "m".repeat(32);

describe.each(testStoreKinds())("health, readiness, metrics and request ids on $name", (kind) => {
  const t = useTestDeps(kind);
  let app: ReturnType<typeof createApp>;
  let admin: TestUser;
  let lead: TestUser;
  beforeEach(async () => {
    app = createApp({ ...t.deps, metricsToken: METRICS_TOKEN });
    admin = await addTestUser(t.deps.store, "root", { isAdmin: true });
    lead = await addTestUser(t.deps.store, "lea", { roles: { default: "lead" } });
  });

  it("/healthz and /readyz answer without a credential; /readyz names what is down", async () => {
    expect(await (await app.request("/healthz")).json()).toEqual({ ok: true });
    const ready = await app.request("/readyz");
    expect([ready.status, await ready.json()]).toEqual([200, { ok: true, database: "ok", blobs: "ok" }]);

    // An object store nobody listens on: not ready, and the reply says why.
    const down = createApp({
      ...t.deps,
      blobs: createS3BlobStore({
        bucket: "nowhere",
        prefix: "",
        client: {
          endpoint: "http://127.0.0.1:9",
          region: "us-east-1",
          forcePathStyle: true,
          credentials: { accessKeyId: "x", secretAccessKey: "y" },
        },
      }),
    });
    const notReady = await down.request("/readyz");
    expect(notReady.status).toBe(503);
    const body = (await notReady.json()) as { database: string; blobs: string };
    expect(body.database).toBe("ok");
    expect(body.blobs).toMatch(/object storage s3:\/\/nowhere\/ is unreachable/);

    let draining = false;
    const stopping = createApp({ ...t.deps, isDraining: () => draining });
    expect((await stopping.request("/readyz")).status).toBe(200);
    draining = true;
    expect((await stopping.request("/readyz")).status).toBe(503);
  });

  it("/metrics needs an admin or the METRICS_TOKEN, and counts requests by route and saved batches", async () => {
    const id = (await importSequence(t.deps, writeTinySequence(2, 1))).sequenceId;
    const snap = (await (
      await app.request(`/api/sequences/${id}/annotations`, { headers: lead.headers })
    ).json()) as AnnotationSnapshot;
    const cuboid = must(snap.cuboids[0], "snap.cuboids[0]");
    const save = await app.request(`/api/sequences/${id}/annotations/batches`, {
      method: "POST",
      headers: { ...lead.headers, "Content-Type": "application/json" },
      body: JSON.stringify({
        batchId: crypto.randomUUID(),
        baseRevision: snap.revision,
        operations: [{ op: "putCuboid", cuboid: { ...cuboid, centerM: { ...cuboid.centerM, x: 1 } } }],
      }),
    });
    expect(save.status).toBe(200);

    expect((await app.request("/metrics")).status).toBe(401);
    expect((await app.request("/metrics", { headers: lead.headers })).status).toBe(403);
    expect((await app.request("/metrics", { headers: { Authorization: "Bearer wrong" } })).status).toBe(401);
    const byToken = await app.request("/metrics", { headers: { Authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(byToken.status).toBe(200);
    const text = await (await app.request("/metrics", { headers: admin.headers })).text();
    expect(text).toMatch(
      /cuboidal_http_requests_total\{method="POST",route="\/api\/sequences\/:id\/annotations\/batches",status="200"\} [1-9]/,
    );
    expect(text).toMatch(
      /cuboidal_http_request_duration_seconds_bucket\{le="0.05",method="GET",route="\/api\/sequences\/:id\/annotations"\}/,
    );
    expect(text).toMatch(/cuboidal_batches_total\{outcome="accepted"\} [1-9]/);
    expect(text).toMatch(/cuboidal_live_connections \d/);
    // The job queue's series (values are tested with jobs in server/jobs/jobQueue.test.ts).
    for (const name of ["cuboidal_jobs", "cuboidal_jobs_running", "cuboidal_jobs_finished_total"])
      expect(text).toContain(`# HELP ${name} `);
  });

  it("echoes a sane X-Request-Id, makes one otherwise, and names it as the reference of a 500", async () => {
    const given = await app.request("/healthz", { headers: { "X-Request-Id": "lb-1234.abc" } });
    expect(given.headers.get("X-Request-Id")).toBe("lb-1234.abc");
    const made = await app.request("/healthz", { headers: { "X-Request-Id": "bad id\twith spaces" } });
    expect(made.headers.get("X-Request-Id")).toMatch(/^[0-9a-f-]{36}$/);
    const broken = createApp({
      ...t.deps,
      store: { ...t.deps.store, db: undefined as never },
    });
    const res = await broken.request("/api/sequences", {
      headers: { ...admin.headers, "X-Request-Id": "req-42" },
    });
    expect(res.status).toBe(500);
    expect(((await res.json()) as { message: string }).message).toContain("reference req-42");
  });
});
