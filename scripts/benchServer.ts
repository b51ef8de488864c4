import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { serve } from "@hono/node-server";
import { Hono } from "hono";
import type { AnnotationSnapshot } from "../core/api/annotationBatch";
import type { SequenceDetail } from "../core/api/sequenceDetail";
import { createApp } from "../server/app";
import { createFileBlobStore } from "../server/blobs/createFileBlobStore";
import { type Database, openDatabase } from "../server/db/openDatabase";
import { zValidator } from "@hono/zod-validator";
import { annotationBatchSchema } from "../core/api/annotationBatch";
import { DEFAULT_PROJECT_ID } from "../server/db/migrations/0002_accounts";
import { importSequence } from "../server/import/importSequence";
import { applyBatch } from "../server/store/applyBatch";
import { addTestUser } from "../server/testing/testAuth";
import { createThrowawayDatabase } from "../server/testing/createThrowawayDatabase";

// npm run -s bench:server [-- --clients 50 --seconds 5]
// 50 concurrent clients on loopback, each in a loop: POST an annotation batch (moving its own cuboid,
// so no conflicts), then GET a frame's point cloud (KITTI sweep, ~1.9 MB), with a lead's bearer token.
// Alternating with them, the same batches and downloads on bare routes without authentication
// ("batch-noauth", "frame-noauth"): the difference of the p99s is what authentication costs. Measured for PGlite,
// for PostgreSQL when DATABASE_URL or TEST_DATABASE_URL is set (in a throwaway database), and for a
// trivial Hono route as the framework's ceiling, all in this run. Clients and server share this
// process (and the machine's cores), so the ceiling carries the same client overhead.
const { values } = parseArgs({ options: { clients: { type: "string" }, seconds: { type: "string" } } });
const CLIENTS = Number(values.clients ?? 50);
const SECONDS = Number(values.seconds ?? 5);
const DATA = "../shared/data/kitti_object_vis/data/object/training";

interface Stats {
  ops: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
}

function stats(latenciesMs: number[], seconds: number): Stats {
  const s = [...latenciesMs].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))] ?? Number.NaN;
  return { ops: s.length, perSecond: s.length / seconds, p50Ms: q(0.5), p99Ms: q(0.99) };
}

async function listen(app: { fetch: (r: Request) => Response | Promise<Response> }): Promise<{ url: string; close: () => Promise<void> }> {
  return new Promise((resolve) => {
    const server = serve({ fetch: app.fetch, port: 0 }, (info) =>
      resolve({
        url: `http://127.0.0.1:${info.port}`,
        close: () => new Promise<void>((done) => server.close(() => done())),
      }),
    );
  });
}

/** Runs `clients` loops of `step` for SECONDS; each step reports its latencies by kind. */
async function drive(step: (client: number, record: (kind: string, ms: number) => void) => Promise<void>) {
  const latencies = new Map<string, number[]>();
  const record = (kind: string, ms: number) => latencies.set(kind, [...(latencies.get(kind) ?? []), ms]);
  const deadline = performance.now() + SECONDS * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CLIENTS }, async (_, client) => {
      while (performance.now() < deadline) await step(client, record);
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  return new Map([...latencies].map(([k, v]) => [k, stats(v, seconds)]));
}

const timed = async (
  record: (kind: string, ms: number) => void,
  kind: string,
  f: () => Promise<Response>,
) => {
  const t0 = performance.now();
  const res = await f();
  await res.arrayBuffer();
  if (!res.ok) throw new Error(`${kind}: HTTP ${res.status}`);
  record(kind, performance.now() - t0);
};

/**
 * Batches (and frame downloads) through the real app with a lead's bearer token, alternating with
 * the same batches through a bare route that calls applyBatch with no authentication, on the same
 * store: the difference of the two p99s is what authentication and authorization cost.
 */
async function benchStore(label: string, store: Database, dataDir: string) {
  const deps = { store, blobs: createFileBlobStore(path.join(dataDir, "blobs")) };
  const { sequenceId } = await importSequence(deps, DATA);
  // A lead, not an admin: every batch pays the membership lookup and the task-scope check.
  const lead = await addTestUser(store, `bench-${randomUUID().slice(0, 8)}`, {
    roles: { [DEFAULT_PROJECT_ID]: "lead" },
  });
  const auth = lead.headers;
  const app = createApp(deps);
  // One track and cuboid per client, so batches never conflict.
  const snapshot = (await (
    await app.request(`/api/sequences/${sequenceId}/annotations`, { headers: auth })
  ).json()) as AnnotationSnapshot;
  const template = snapshot.cuboids[0]!;
  const server = await listen(app);
  const bare = await listen(
    new Hono()
      .post("/batches", zValidator("json", annotationBatchSchema), async (c) => {
        const r = await applyBatch(store, sequenceId, c.req.valid("json"), "bench");
        return r.status === "accepted" ? c.json({ revision: r.revision }, 200) : c.json({}, 409);
      })
      .get("/blobs/:hash", async (c) => {
        const size = await deps.blobs.size(c.req.param("hash"));
        const stream = await deps.blobs.get(c.req.param("hash"));
        return c.body(stream!, 200, { "Content-Length": String(size) });
      }),
  );
  const detail = (await (
    await fetch(`${server.url}/api/sequences/${sequenceId}`, { headers: auth })
  ).json()) as SequenceDetail;
  const seed = await fetch(`${server.url}/api/sequences/${sequenceId}/annotations/batches`, {
    method: "POST",
    headers: { ...auth, "Content-Type": "application/json" },
    body: JSON.stringify({
      batchId: randomUUID(),
      baseRevision: snapshot.revision,
      operations: Array.from({ length: CLIENTS }, (_, i) => [
        { op: "putTrack", track: { trackId: `bench-${i}`, className: "Car", attributes: {} } },
        {
          op: "putCuboid",
          cuboid: { ...template, id: `bench-${i}`, trackId: `bench-${i}`, provenance: "human" },
        },
      ]).flat(),
    }),
  });
  let base = ((await seed.json()) as { revision: number }).revision;
  const counters = new Array<number>(CLIENTS).fill(0);
  const batchOf = (client: number) => {
    const n = ++counters[client]!;
    const cuboid = { ...template, id: `bench-${client}`, trackId: `bench-${client}`, provenance: "human" };
    cuboid.centerM = { ...template.centerM, x: template.centerM.x + n * 0.001 };
    return {
      n,
      body: JSON.stringify({
        batchId: randomUUID(),
        baseRevision: base,
        operations: [{ op: "putCuboid", cuboid }],
      }),
    };
  };
  const send = (url: string, headers: Record<string, string>, body: string) =>
    fetch(url, { method: "POST", headers: { ...headers, "Content-Type": "application/json" }, body }).then(
      async (r) => {
        const clone = r.clone();
        if (r.ok) base = Math.max(base, ((await clone.json()) as { revision: number }).revision);
        return r;
      },
    );
  // Each client alternates authenticated and bare requests, so both see the same load and warm-up.
  const result = await drive(async (client, record) => {
    const authed = client % 2 === 0;
    const { n, body } = batchOf(client);
    const frame = detail.frames[n % detail.frames.length]!;
    if (authed === (n % 2 === 0)) {
      await timed(record, "batch", () =>
        send(`${server.url}/api/sequences/${sequenceId}/annotations/batches`, auth, body),
      );
      await timed(record, "frame", () =>
        fetch(`${server.url}/api/blobs/${frame.lidarBlob}`, { headers: auth }),
      );
    } else {
      await timed(record, "batch-noauth", () => send(`${bare.url}/batches`, {}, body));
      await timed(record, "frame-noauth", () => fetch(`${bare.url}/blobs/${frame.lidarBlob}`));
    }
  });
  await server.close();
  await bare.close();
  return [label, result] as const;
}

async function main() {
  const rows: Array<readonly [string, Map<string, Stats>]> = [];

  const ceilingServer = await listen(new Hono().get("/ping", (c) => c.json({ ok: true })));
  rows.push([
    "hono ceiling",
    await drive(async (_, record) => {
      await timed(record, "ping", () => fetch(`${ceilingServer.url}/ping`));
    }),
  ]);
  await ceilingServer.close();

  const dir = mkdtempSync(path.join(tmpdir(), "cuboidal-bench-"));
  try {
    const pglite = await openDatabase({ dataDir: dir });
    try {
      rows.push(await benchStore("pglite", pglite, dir));
    } finally {
      await pglite.close();
    }
    const adminUrl = process.env.DATABASE_URL || process.env.TEST_DATABASE_URL;
    if (adminUrl) {
      const throwaway = await createThrowawayDatabase(adminUrl, "bench");
      const postgres = await openDatabase({ dataDir: dir, databaseUrl: throwaway.url });
      try {
        rows.push(await benchStore("postgresql", postgres, dir));
      } finally {
        await postgres.close();
        await throwaway.drop();
      }
    } else {
      console.log("(PostgreSQL skipped: set DATABASE_URL or TEST_DATABASE_URL to include it)");
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  const ceiling = rows[0]![1].get("ping")!.perSecond;
  console.log(`${CLIENTS} concurrent clients, ${SECONDS} s per store, loopback, one process`);
  console.log("store         request       req/s    ×ceiling   p50 ms   p99 ms   count");
  for (const [label, m] of rows)
    for (const [kind, s] of m)
      console.log(
        `${label.padEnd(13)} ${kind.padEnd(12)} ${s.perSecond.toFixed(0).padStart(6)}   ${(s.perSecond / ceiling).toFixed(3).padStart(7)}   ${s.p50Ms.toFixed(1).padStart(6)}   ${s.p99Ms.toFixed(1).padStart(6)}   ${String(s.ops).padStart(5)}`,
      );
  for (const [label, m] of rows.slice(1)) {
    const withAuth = m.get("batch")!.p99Ms;
    const without = m.get("batch-noauth")!.p99Ms;
    console.log(
      `${label}: authentication adds ${(((withAuth - without) / without) * 100).toFixed(1)}% to batch p99 (${without.toFixed(1)} -> ${withAuth.toFixed(1)} ms)`,
    );
  }
}

main().catch((e: unknown) => {
  console.error(`bench:server failed: ${(e instanceof Error ? e.message : String(e)).split("\n")[0]}`);
  process.exit(1);
});
