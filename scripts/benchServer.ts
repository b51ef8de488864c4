import { execFile } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { serve } from "@hono/node-server";
import { zValidator } from "@hono/zod-validator";
import { Hono } from "hono";
import { type AnnotationSnapshot, annotationBatchSchema } from "../core/api/annotationBatch";
import type { SequenceDetail } from "../core/api/sequenceDetail";
import type { Cuboid } from "../core/model/Cuboid";
import { createThrowawayDatabase } from "../server/testing/createThrowawayDatabase";
import { type ServerProcess, spawnServerProcess } from "../server/testing/spawnServerProcess";
import { signInForToken, TEST_ADMIN_PASSWORD } from "../server/testing/testAuth";
import type { ClientPlan, ClientReport } from "./benchServerClients";

// npm run -s bench:server [-- --clients 200 --pglite-clients 50 --seconds 20]
// Simulated annotators in a client process of their own (scripts/benchServerClients.ts), each saving a
// one-cuboid batch every 1–2 s and stepping to the next frame, against real server processes
// (server/main.ts, as `npm start` runs it):
// - PostgreSQL (DATABASE_URL or TEST_DATABASE_URL; a throwaway database): two servers, annotators
//   spread over both, one shared blob folder;
// - PGlite: one server (the embedded store is one process per data directory);
// - a bare Hono POST route (zod-validated, no storage, no auth) under the same client load, this run:
//   the ratios are p99(save) / p99(bare).
// Lost updates: an annotator's last acknowledged position is not what the server holds at the end, or
// the log holds a different number of its batches than were acknowledged. The last line is JSON.
const { values } = parseArgs({
  options: {
    clients: { type: "string" },
    "pglite-clients": { type: "string" },
    seconds: { type: "string" },
  },
});
const CLIENTS = Number(values.clients ?? 200);
const PGLITE_CLIENTS = Number(values["pglite-clients"] ?? 50);
const SECONDS = Number(values.seconds ?? 20);
const SAMPLE = path.resolve(import.meta.dirname, "../sample-data/default");
const PREFIX = "bench-";

const p99 = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(0.99 * s.length))] ?? Number.NaN;
};
const p50 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;

function runClients(plan: ClientPlan): Promise<ClientReport> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ["--import", "tsx", path.join(import.meta.dirname, "benchServerClients.ts"), JSON.stringify(plan)],
      { maxBuffer: 256 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error)
          reject(new Error(`client process: ${stderr.split("\n").find((l) => l.trim()) ?? error.message}`));
        else resolve(JSON.parse(stdout.trim().split("\n").at(-1)!) as ClientReport);
      },
    );
  });
}

/** A cuboid of the sample, for the bare route's batches (set by the first stored phase). */
let realCuboid: Cuboid | undefined;

interface Phase {
  label: string;
  clients: number;
  servers: number;
  report: ClientReport;
  lostUpdates: number;
}

/** Seeds one track and cuboid per annotator, runs the clients, then checks every acknowledged save. */
async function benchServers(label: string, urls: string[], clients: number): Promise<Phase> {
  const auth = await signInForToken(urls[0]!, "admin", TEST_ADMIN_PASSWORD);
  const get = async <T>(p: string) => (await (await fetch(urls[0]! + p, { headers: auth })).json()) as T;
  const [summary] = await get<Array<{ id: string }>>("/api/sequences");
  const id = summary!.id;
  const detail = await get<SequenceDetail>(`/api/sequences/${id}`);
  const snapshot = await get<AnnotationSnapshot>(`/api/sequences/${id}/annotations`);
  const template = snapshot.cuboids[0]!;
  realCuboid = template;
  const seed = await fetch(`${urls[0]}/api/sequences/${id}/annotations/batches`, {
    method: "POST",
    headers: { ...auth, "Content-Type": "application/json" },
    body: JSON.stringify({
      batchId: randomUUID(),
      baseRevision: snapshot.revision,
      operations: Array.from({ length: clients }, (_, i) => [
        { op: "putTrack", track: { trackId: `${PREFIX}${i}`, className: "Car", attributes: {} } },
        {
          op: "putCuboid",
          cuboid: { ...template, id: `${PREFIX}${i}`, trackId: `${PREFIX}${i}`, provenance: "human" },
        },
      ]).flat(),
    }),
  });
  if (!seed.ok) throw new Error(`${label}: seeding failed: HTTP ${seed.status} ${await seed.text()}`);
  const baseRevision = ((await seed.json()) as { revision: number }).revision;
  const report = await runClients({
    urls,
    batchPath: `/api/sequences/${id}/annotations/batches`,
    framePath: `/api/sequences/${id}/frames/`,
    frameCount: detail.frames.length,
    headers: auth,
    clients,
    seconds: SECONDS,
    baseRevision,
    template,
    idPrefix: PREFIX,
  });
  // Read back through the other server too: both must hold every acknowledged save.
  let lostUpdates = 0;
  for (const url of urls) {
    const end = (await (
      await fetch(`${url}/api/sequences/${id}/annotations`, { headers: auth })
    ).json()) as AnnotationSnapshot;
    const byId = new Map(end.cuboids.map((c) => [c.id, c]));
    report.acked.forEach((a, i) => {
      if (a.x !== null && byId.get(`${PREFIX}${i}`)?.centerM.x !== a.x) lostUpdates++;
    });
  }
  const history = (await (
    await fetch(`${urls[0]}/api/sequences/${id}/history?afterRevision=${baseRevision}`, { headers: auth })
  ).json()) as unknown[];
  const acknowledged = report.acked.reduce((n, a) => n + a.count, 0);
  if (history.length !== acknowledged) lostUpdates += Math.abs(history.length - acknowledged);
  return { label, clients, servers: urls.length, report, lostUpdates };
}

/** The framework's floor under the same load: a zod-validated POST that stores nothing. */
async function benchBare(clients: number): Promise<Phase> {
  const app = new Hono().post("/batches", zValidator("json", annotationBatchSchema), (c) =>
    c.json({ revision: c.req.valid("json").baseRevision + 1 }, 200),
  );
  const server = await new Promise<{ url: string; close(): void }>((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, (info) =>
      resolve({ url: `http://127.0.0.1:${info.port}`, close: () => s.close() }),
    );
  });
  const template = realCuboid!;
  try {
    const report = await runClients({
      urls: [server.url],
      batchPath: "/batches",
      framePath: null,
      frameCount: 1,
      headers: {},
      clients,
      seconds: SECONDS,
      baseRevision: 0,
      template,
      idPrefix: PREFIX,
    });
    return { label: "bare hono", clients, servers: 1, report, lostUpdates: 0 };
  } finally {
    server.close();
  }
}

async function startServers(n: number, env: Record<string, string>, dir: string): Promise<ServerProcess[]> {
  writeFileSync(path.join(dir, "index.html"), "<!doctype html><title>bench</title>");
  return Promise.all(
    Array.from({ length: n }, (_, i) =>
      spawnServerProcess({
        DATA_DIR: path.join(dir, `data-${i}`),
        CLIENT_DIR: dir,
        SAMPLE_DIR: SAMPLE,
        ...env,
      }),
    ),
  );
}

async function withServers<T>(servers: ServerProcess[], use: (urls: string[]) => Promise<T>): Promise<T> {
  try {
    // One at a time would be the cautious start; together proves the start-up lock too.
    return await use(await Promise.all(servers.map((s) => s.ready())));
  } finally {
    // The servers' own account of any failure: distinct error messages from their JSON logs.
    const errors = new Map<string, number>();
    for (const s of servers)
      for (const m of s.output().matchAll(/"err":\{"type":"[^"]*","message":"([^"]{0,160})/g))
        errors.set(m[1]!, (errors.get(m[1]!) ?? 0) + 1);
    for (const [message, n] of [...errors].sort((a, b) => b[1] - a[1]).slice(0, 3))
      console.log(`  server log: ${n}× ${message}`);
    await Promise.all(servers.map((s) => s.stop()));
  }
}

async function main() {
  const dir = mkdtempSync(path.join(tmpdir(), "cuboidal-bench-"));
  const phases: Phase[] = [];
  try {
    const adminUrl = process.env.DATABASE_URL || process.env.TEST_DATABASE_URL;
    if (adminUrl) {
      const db = await createThrowawayDatabase(adminUrl, "bench");
      try {
        const pgDir = mkdtempSync(path.join(dir, "pg-"));
        const servers = await startServers(
          2,
          { DATABASE_URL: db.url, BLOB_URL: path.join(pgDir, "blobs") },
          pgDir,
        );
        phases.push(await withServers(servers, (urls) => benchServers("postgresql", urls, CLIENTS)));
      } finally {
        await db.drop();
      }
    } else console.log("(PostgreSQL skipped: set DATABASE_URL or TEST_DATABASE_URL to include it)");
    const liteDir = mkdtempSync(path.join(dir, "pglite-"));
    const lite = await startServers(1, { DATABASE_URL: "" }, liteDir);
    phases.push(await withServers(lite, (urls) => benchServers("pglite", urls, PGLITE_CLIENTS)));
    // The floor under each load, after the stored phases (it needs one of their cuboids).
    phases.push(await benchBare(CLIENTS));
    if (PGLITE_CLIENTS !== CLIENTS) phases.push(await benchBare(PGLITE_CLIENTS));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  console.log(
    `annotators save every 1–2 s and step a frame; ${SECONDS} s per phase; clients in their own process`,
  );
  console.log(
    "phase        servers annotators  saves/s  save p50 ms  save p99 ms  frame p99 ms  errors  lost",
  );
  for (const p of phases)
    console.log(
      `${p.label.padEnd(12)} ${String(p.servers).padStart(7)} ${String(p.clients).padStart(10)} ${(p.report.saveMs.length / SECONDS).toFixed(1).padStart(8)} ${p50(p.report.saveMs).toFixed(1).padStart(12)} ${p99(p.report.saveMs).toFixed(1).padStart(12)} ${(p.report.frameMs.length ? p99(p.report.frameMs).toFixed(1) : "-").padStart(13)} ${String(p.report.errors).padStart(7)} ${String(p.lostUpdates).padStart(5)}`,
    );
  for (const p of phases) for (const s of p.report.errorSamples) console.log(`  ${p.label} error: ${s}`);
  const bareFor = (clients: number) => phases.find((p) => p.label === "bare hono" && p.clients === clients)!;
  const ratio = (label: string) => {
    const p = phases.find((q) => q.label === label);
    return p ? Math.round((p99(p.report.saveMs) / p99(bareFor(p.clients).report.saveMs)) * 100) / 100 : null;
  };
  for (const label of ["postgresql", "pglite"]) {
    const r = ratio(label);
    if (r !== null)
      console.log(`${label}: save p99 is ${r}× the bare route's p99 under the same load (target ≤ 5×)`);
  }
  console.log("liveP99Ms: null — the live-update endpoint (branch live) is not in this tree yet");
  const stored = phases.filter((p) => p.label !== "bare hono");
  console.log(
    JSON.stringify({
      p99RatioPostgres: ratio("postgresql"),
      p99RatioPglite: ratio("pglite"),
      errors: stored.reduce((n, p) => n + p.report.errors, 0),
      lostUpdates: stored.reduce((n, p) => n + p.lostUpdates, 0),
      liveP99Ms: null,
      clientsPostgres: CLIENTS,
      clientsPglite: PGLITE_CLIENTS,
      seconds: SECONDS,
      p99SaveMsPostgres: stored.find((p) => p.label === "postgresql")
        ? p99(stored.find((p) => p.label === "postgresql")!.report.saveMs)
        : null,
      p99SaveMsPglite: p99(stored.find((p) => p.label === "pglite")!.report.saveMs),
      p99BareMs: p99(bareFor(CLIENTS).report.saveMs),
    }),
  );
}

main().catch((e: unknown) => {
  console.error(`bench:server failed: ${(e instanceof Error ? e.message : String(e)).split("\n")[0]}`);
  process.exit(1);
});
