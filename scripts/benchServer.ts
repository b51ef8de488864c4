import { execFile, spawn } from "node:child_process";
import { cpuSeconds } from "./lib/cpuSeconds";
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { hc, parseResponse } from "hono/client";
import type { Cuboid } from "../core/model/Cuboid";
import { must } from "../core/model/must";
import type { HistoryPage } from "../core/api/historyPage";
import type { AppType } from "../server/app";
import { createThrowawayDatabase } from "../server/testing/createThrowawayDatabase";
import { importTinyOverHttp } from "../server/testing/importTinyOverHttp";
import { type ServerProcess, spawnServerProcess } from "../server/testing/spawnServerProcess";
import { signInForToken, TEST_ADMIN_PASSWORD } from "../server/testing/testAuth";
import { signUpAnnotators } from "./benchServerAnnotators";
import type { ClientPlan, ClientReport } from "./benchServerClients";

// npm run -s bench:server [-- --clients 200 --pglite-clients 50 --per-sequence 5 --seconds 20
//   --phases postgresql,pglite,bare]  (fewer phases to profile one; the ratios need "bare";
//   --sequences N instead of --per-sequence puts each phase's annotators on N sequences)
// Simulated annotators in a client process of their own (scripts/benchServerClients.ts), each saving a
// one-cuboid batch every 1–2 s and stepping to the next frame, against real server processes
// (server/main.ts, as `npm start` runs it). Each annotator is a person of their own: a user created
// through the accounts API, an annotator of the project with a task on their sequence, signed in with
// their own token (scripts/benchServerAnnotators.ts). A team works a handful to a recording:
// --per-sequence annotators (5) share each sequence (the sample and tiny imported ones), so saves to
// one sequence still queue behind each other and touch each other's tracks' frames; --sequences 1 puts
// everyone on one sequence. One live subscriber per sequence on another server process than its first
// writer:
// - PostgreSQL (DATABASE_URL or TEST_DATABASE_URL; a throwaway database): two servers, annotators
//   spread over both, one shared blob folder;
// - PGlite: one server (the embedded store is one process per data directory);
// - bare routes through the server's own HTTP stack in a process of their own (scripts/benchBareServer.ts:
//   request log, checks, bearer authentication, zod validation; no storage), a POST of a batch and a GET
//   of a frame's JSON, under the same clients and load, this run: the ratios are p99(save) / p99(bare POST).
// Lost updates: an annotator's last acknowledged position is not what a server holds at the end, or
// the log holds a different number of batches than were acknowledged. Live: acknowledged save →
// the subscriber's receipt, p99. The machine's load average is printed with every phase (a shared
// machine's noise shows in the figures; the ratio is what counts). The last line is JSON.
const { values } = parseArgs({
  options: {
    clients: { type: "string" },
    "pglite-clients": { type: "string" },
    seconds: { type: "string" },
    sequences: { type: "string" },
    "per-sequence": { type: "string" },
    phases: { type: "string" },
  },
});
const PHASES = new Set((values.phases ?? "postgresql,pglite,bare").split(","));
const CLIENTS = Number(values.clients ?? 200);
const PGLITE_CLIENTS = Number(values["pglite-clients"] ?? 50);
const SECONDS = Number(values.seconds ?? 20);
const PER_SEQUENCE = Number(values["per-sequence"] ?? 5);
const PER_SEQUENCE_TEXT = values.sequences
  ? `${values.sequences} sequence(s) a phase`
  : `${PER_SEQUENCE} annotators a sequence`;
/** Sequences of a phase of `clients` annotators. */
const sequencesFor = (clients: number) =>
  values.sequences ? Number(values.sequences) : Math.max(1, Math.ceil(clients / PER_SEQUENCE));
const SAMPLE = path.resolve(import.meta.dirname, "../sample-data/default");
const PREFIX = "bench-";
/** Usernames of the simulated annotators: `${ANNOTATOR_PREFIX}${i}`. */
const ANNOTATOR_PREFIX = "bench-annotator-";

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
        else
          resolve(
            JSON.parse(
              must(stdout.trim().split("\n").at(-1), "the client process's report line"),
            ) as ClientReport,
          );
      },
    );
  });
}

/** A cuboid and a frame of the sample, for the bare route's replies (set by the first stored phase). */
let realCuboid: Cuboid | undefined;
let realFrame: unknown;

interface Phase {
  label: string;
  clients: number;
  servers: number;
  sequences: number;
  report: ClientReport;
  lostUpdates: number;
  /** CPU seconds the server processes used while the clients ran (Linux /proc; null elsewhere). */
  serverCpuS: number | null;
  /** The machine's 1-minute load average as the phase ended. */
  load1?: number;
}

/** Seeds one track and cuboid per annotator of the sequence; returns the revision after it. */
async function seed(
  url: string,
  auth: Record<string, string>,
  sequenceId: string,
  annotators: number[],
): Promise<{ baseRevision: number; frameCount: number; template: Cuboid }> {
  const sequence = hc<AppType>(url, { headers: auth }).api.sequences[":id"];
  const param = { id: sequenceId };
  const detail = await parseResponse(sequence.$get({ param }));
  const snapshot = await parseResponse(sequence.annotations.$get({ param, query: {} }));
  const template = realCuboid ?? must(snapshot.cuboids[0], `a cuboid in sequence ${sequenceId}`);
  realCuboid = template;
  realFrame ??= detail.frames[0];
  const res = await sequence.annotations.batches.$post({
    param,
    json: {
      batchId: randomUUID(),
      baseRevision: snapshot.revision,
      operations: annotators.flatMap((i) => [
        {
          op: "putTrack",
          track: { trackId: `${PREFIX}${i}`, className: template.className, attributes: {} },
        },
        {
          op: "putCuboid",
          cuboid: { ...template, id: `${PREFIX}${i}`, trackId: `${PREFIX}${i}`, provenance: "human" },
        },
      ]),
    },
  });
  if (res.status !== 200)
    throw new Error(`seeding ${sequenceId} failed: HTTP ${res.status} ${await res.text()}`);
  const baseRevision = (await res.json()).revision;
  return { baseRevision, frameCount: detail.frames.length, template };
}

/**
 * Spreads the annotators over `sequences` sequences (the sample and tiny imported ones: a team works on
 * many recordings, a handful of people per recording), runs the clients, then checks every
 * acknowledged save through every server.
 */
async function benchServers(
  label: string,
  urls: string[],
  pids: number[],
  clients: number,
  sequences: number,
): Promise<Phase> {
  const firstUrl = must(urls[0], "a server URL");
  const auth = await signInForToken(firstUrl, "admin", TEST_ADMIN_PASSWORD);
  const api = (url: string) => hc<AppType>(url, { headers: auth }).api;
  const [sample] = await parseResponse(api(firstUrl).sequences.$get({ query: {} }));
  const projectId = (must(sample, "the sample sequence") as { projectId?: string }).projectId;
  if (!projectId) throw new Error(`${label}: the sequence list names no projectId`);
  const ids = [must(sample, "the sample sequence").id];
  // Each with its own frame count: an identical folder would be the same import (its content key).
  while (ids.length < sequences)
    ids.push((await importTinyOverHttp(firstUrl, auth, 19 + ids.length, 1)).sequenceId);
  if (new Set(ids).size !== ids.length) throw new Error(`${label}: the imported sequences are not distinct`);
  const seeded = await Promise.all(
    ids.map(async (id, k) => ({
      id,
      ...(await seed(
        firstUrl,
        auth,
        id,
        Array.from({ length: clients }, (_, i) => i).filter((i) => i % ids.length === k),
      )),
    })),
  );
  const annotatorHeaders = await signUpAnnotators(firstUrl, auth, clients, ANNOTATOR_PREFIX, (i) => ({
    id: must(ids[i % ids.length], "an annotator's sequence"),
    projectId,
  }));
  const cpu0 = cpuSeconds(pids);
  const report = await runClients({
    urls,
    sequences: seeded.map(({ id, frameCount, baseRevision }) => ({
      batchPath: `/api/sequences/${id}/annotations/batches`,
      framePath: `/api/sequences/${id}/frames/`,
      frameCount,
      livePath: `/api/sequences/${id}/live`,
      baseRevision,
    })),
    headers: auth,
    annotatorHeaders,
    clients,
    seconds: SECONDS,
    template: must(seeded[0], "a seeded sequence").template,
    idPrefix: PREFIX,
  });
  const serverCpuS = cpuUsedSince(pids, cpu0);
  // Read back through every server: each must hold every acknowledged save.
  let lostUpdates = 0;
  for (const [k, { id, baseRevision }] of seeded.entries()) {
    for (const url of urls) {
      const end = await parseResponse(
        api(url).sequences[":id"].annotations.$get({ param: { id }, query: {} }),
      );
      const byId = new Map(end.cuboids.map((c) => [c.id, c]));
      report.acked.forEach((a, i) => {
        if (i % ids.length === k && a.x !== null && byId.get(`${PREFIX}${i}`)?.centerM.x !== a.x) {
          lostUpdates++;
          if (lostUpdates <= 3)
            console.log(
              `  ${label}: annotator ${i}: acknowledged x ${a.x}, ${url} holds ${byId.get(`${PREFIX}${i}`)?.centerM.x}`,
            );
        }
      });
    }
    // The log holds exactly the acknowledged batches (paged: at most 500 a page).
    let logged = 0;
    for (let after: number | null = baseRevision; after !== null; ) {
      const page: HistoryPage = await parseResponse(
        api(firstUrl).sequences[":id"].history.$get({
          param: { id },
          query: { afterRevision: String(after), limit: "500" },
        }),
      );
      logged += page.entries.length;
      after = page.nextAfterRevision;
    }
    const acknowledged = report.acked.reduce((n, a, i) => n + (i % ids.length === k ? a.count : 0), 0);
    lostUpdates += Math.abs(logged - acknowledged);
    if (logged !== acknowledged)
      console.log(
        `  ${label}: sequence ${k}: the log holds ${logged} batches, ${acknowledged} were acknowledged`,
      );
  }
  return { label, clients, servers: urls.length, sequences: ids.length, report, lostUpdates, serverCpuS };
}

/**
 * The framework's floor under the same load and request mix: the server's own HTTP stack in a process
 * of its own (scripts/benchBareServer.ts: node-server, request log, security headers, request checks,
 * bearer authentication, zod validation of the batch) with routes that store nothing, and the same
 * clients.
 */
async function benchBare(clients: number, dir: string): Promise<Phase> {
  const bareDir = mkdtempSync(path.join(dir, "bare-"));
  writeFileSync(path.join(bareDir, "frame.json"), JSON.stringify(realFrame));
  const child = spawn(
    process.execPath,
    ["--import", "tsx", path.join(import.meta.dirname, "benchBareServer.ts"), bareDir, String(clients)],
    { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, LOG_LEVEL: "info" } },
  );
  let output = "";
  const exited = new Promise<void>((r) => child.on("exit", () => r()));
  const started = new Promise<{ url: string; tokens: string[] }>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const url = /ready at (http:\/\/\S+)/.exec(output)?.[1];
      const tokens = /tokens (\S+)/.exec(output)?.[1];
      if (url && tokens) resolve({ url, tokens: tokens.split(",") });
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    void exited.then(() => reject(new Error(`the bare server exited: ${output.slice(-500)}`)));
  });
  try {
    const { url, tokens } = await started;
    const pid = must(child.pid, "the bare server's process id");
    const cpu0 = cpuSeconds([pid]);
    const report = await runClients({
      urls: [url],
      sequences: [
        {
          batchPath: "/api/sequences/bare/annotations/batches",
          framePath: "/api/sequences/bare/frames/",
          frameCount: 50,
          livePath: null,
          baseRevision: 0,
        },
      ],
      headers: { Authorization: `Bearer ${must(tokens[0], "a bare token")}` },
      annotatorHeaders: tokens.map((token) => ({ Authorization: `Bearer ${token}` })),
      clients,
      seconds: SECONDS,
      template: must(realCuboid, "a cuboid from a stored phase (run one before bare)"),
      idPrefix: PREFIX,
    });
    const serverCpuS = cpuUsedSince([pid], cpu0);
    return { label: "bare hono", clients, servers: 1, sequences: 1, report, lostUpdates: 0, serverCpuS };
  } finally {
    child.kill("SIGTERM");
    await exited;
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

/** CPU seconds the processes used since `before` (null where either reading failed). */
function cpuUsedSince(pids: number[], before: number | null): number | null {
  const now = cpuSeconds(pids);
  return before === null || now === null ? null : now - before;
}

async function withServers<T>(
  servers: ServerProcess[],
  use: (urls: string[], pids: number[]) => Promise<T>,
): Promise<T> {
  try {
    // One at a time would be the cautious start; together proves the start-up lock too.
    return await use(
      await Promise.all(servers.map((s) => s.ready())),
      servers.map((s) => must(s.child.pid, "a server's process id")),
    );
  } finally {
    // The servers' own account of any failure: distinct error messages from their JSON logs.
    const errors = new Map<string, number>();
    for (const s of servers)
      for (const [, message] of s.output().matchAll(/"err":\{"type":"[^"]*","message":"([^"]{0,160})/g))
        if (message !== undefined) errors.set(message, (errors.get(message) ?? 0) + 1);
    for (const [message, n] of [...errors].sort((a, b) => b[1] - a[1]).slice(0, 3))
      console.log(`  server log: ${n}× ${message}`);
    await Promise.all(servers.map((s) => s.stop()));
  }
}

async function main() {
  const dir = mkdtempSync(path.join(tmpdir(), "cuboidal-bench-"));
  const phases: Phase[] = [];
  const record = (phase: Phase) => {
    phase.load1 = loadavg()[0];
    phases.push(phase);
  };
  try {
    const adminUrl = process.env.DATABASE_URL || process.env.TEST_DATABASE_URL;
    if (adminUrl && PHASES.has("postgresql")) {
      const db = await createThrowawayDatabase(adminUrl, "bench");
      try {
        const pgDir = mkdtempSync(path.join(dir, "pg-"));
        const servers = await startServers(
          2,
          { DATABASE_URL: db.url, BLOB_URL: path.join(pgDir, "blobs") },
          pgDir,
        );
        record(
          await withServers(servers, (urls, pids) =>
            benchServers("postgresql", urls, pids, CLIENTS, sequencesFor(CLIENTS)),
          ),
        );
      } finally {
        await db.drop();
      }
    } else console.log("(PostgreSQL skipped: set DATABASE_URL or TEST_DATABASE_URL to include it)");
    if (PHASES.has("pglite")) {
      const liteDir = mkdtempSync(path.join(dir, "pglite-"));
      const lite = await startServers(1, { DATABASE_URL: "" }, liteDir);
      record(
        await withServers(lite, (urls, pids) =>
          benchServers("pglite", urls, pids, PGLITE_CLIENTS, sequencesFor(PGLITE_CLIENTS)),
        ),
      );
    }
    // The floor under each load, after the stored phases (it needs one of their cuboids).
    if (PHASES.has("bare")) {
      record(await benchBare(CLIENTS, dir));
    }
    if (PHASES.has("bare") && PGLITE_CLIENTS !== CLIENTS) {
      record(await benchBare(PGLITE_CLIENTS, dir));
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  // The server processes' CPU per acknowledged save and its frame step (and live notices).
  const cpuPerSave = (p: Phase) =>
    p.serverCpuS === null || p.report.saveMs.length === 0
      ? null
      : (p.serverCpuS * 1000) / p.report.saveMs.length;
  console.log(
    `annotators save every 1–2 s and step a frame; ${SECONDS} s per phase; clients in their own process; one account per annotator; ${PER_SEQUENCE_TEXT}`,
  );
  console.log(
    "phase        servers annotators  saves/s  save p50 ms  save p99 ms  frame p99 ms  live p99 ms  errors  lost  unheard  load  cpu ms/save",
  );
  for (const p of phases)
    console.log(
      `${p.label.padEnd(12)} ${String(p.servers).padStart(7)} ${String(p.clients).padStart(10)} ${(p.report.saveMs.length / SECONDS).toFixed(1).padStart(8)} ${p50(p.report.saveMs).toFixed(1).padStart(12)} ${p99(p.report.saveMs).toFixed(1).padStart(12)} ${(p.report.frameMs.length ? p99(p.report.frameMs).toFixed(1) : "-").padStart(13)} ${(p.report.liveMs.length ? p99(p.report.liveMs).toFixed(1) : "-").padStart(12)} ${String(p.report.errors).padStart(7)} ${String(p.lostUpdates).padStart(5)} ${String(p.report.liveMissed).padStart(8)} ${(p.load1 ?? Number.NaN).toFixed(1).padStart(5)} ${(cpuPerSave(p) ?? Number.NaN).toFixed(1).padStart(12)}`,
    );
  for (const p of phases) for (const s of p.report.errorSamples) console.log(`  ${p.label} error: ${s}`);
  // Where a phase's tail lies in time: saves per 5 s of the clock, their p50 and p99 (a warm-up shows first).
  for (const p of phases) {
    const buckets = new Map<number, number[]>();
    p.report.saveAtMs.forEach((at, k) => {
      const b = Math.floor(at / 5000);
      buckets.set(b, [...(buckets.get(b) ?? []), must(p.report.saveMs[k], "a save's latency")]);
    });
    const cells = [...buckets.entries()]
      .sort(([a], [b]) => a - b)
      .map(([b, xs]) => `${b * 5}s: ${xs.length} ${p50(xs).toFixed(1)}/${p99(xs).toFixed(1)}`);
    console.log(`  ${p.label} saves, p50/p99 ms by start time: ${cells.join(" · ")}`);
  }
  const bareFor = (clients: number) => phases.find((p) => p.label === "bare hono" && p.clients === clients);
  const bareP99 = (clients: number) => {
    const bare = bareFor(clients);
    return bare ? p99(bare.report.saveMs) : Number.NaN;
  };
  const ratio = (label: string) => {
    const p = phases.find((q) => q.label === label);
    return p && bareFor(p.clients)
      ? Math.round((p99(p.report.saveMs) / bareP99(p.clients)) * 100) / 100
      : null;
  };
  for (const label of ["postgresql", "pglite"]) {
    const r = ratio(label);
    if (r !== null)
      console.log(`${label}: save p99 is ${r}× the bare route's p99 under the same load (target ≤ 5×)`);
  }
  const stored = phases.filter((p) => p.label !== "bare hono");
  const liveMs = stored.flatMap((p) => p.report.liveMs);
  const byLabel = (label: string) => stored.find((p) => p.label === label);
  const round = (ms: number) => Math.round(ms * 10) / 10;
  const p99SaveMs = (label: string) => {
    const p = byLabel(label);
    return p ? round(p99(p.report.saveMs)) : null;
  };
  console.log(
    JSON.stringify({
      p99RatioPostgres: ratio("postgresql"),
      p99RatioPglite: ratio("pglite"),
      errors: stored.reduce((n, p) => n + p.report.errors, 0),
      // A save acknowledged but missing from a server's state or the log, or never announced live.
      lostUpdates: stored.reduce((n, p) => n + p.lostUpdates + p.report.liveMissed, 0),
      liveP99Ms: liveMs.length ? round(p99(liveMs)) : null,
      clientsPostgres: CLIENTS,
      clientsPglite: PGLITE_CLIENTS,
      sequencesPostgres: byLabel("postgresql")?.sequences ?? null,
      sequencesPglite: byLabel("pglite")?.sequences ?? null,
      seconds: SECONDS,
      p99SaveMsPostgres: p99SaveMs("postgresql"),
      p99SaveMsPglite: p99SaveMs("pglite"),
      p99BareMs: round(bareP99(CLIENTS)),
      p99BareMsPglite: round(bareP99(PGLITE_CLIENTS)),
      load1: phases.map((p) => round(p.load1 ?? Number.NaN)),
      serverCpuMsPerSave: phases.map((p) => {
        const ms = cpuPerSave(p);
        return ms === null ? null : round(ms);
      }),
    }),
  );
}

main().catch((e: unknown) => {
  // fetch's own message is "fetch failed"; what failed (refused, reset, a timeout) is its cause.
  const cause = e instanceof Error && e.cause instanceof Error ? ` (${e.cause.message})` : "";
  console.error(
    `bench:server failed: ${(e instanceof Error ? e.message : String(e)).split("\n")[0]}${cause}`,
  );
  if (e instanceof Error) console.error(e.stack?.split("\n").slice(1, 4).join("\n"));
  process.exit(1);
});
