import { rmSync } from "node:fs";
import { cpuSeconds } from "./lib/cpuSeconds";
import { loadavg } from "node:os";
import { parseArgs } from "node:util";
import { sql } from "kysely";
import { must } from "../core/model/must";
import { createTask } from "../server/accounts/tasks";
import { createApp } from "../server/app";
import { DEFAULT_PROJECT_ID } from "../server/db/migrations/0002_accounts";
import { openDatabase } from "../server/db/openDatabase";
import { importSequence } from "../server/import/importSequence";
import { countPostgresRoundTrips } from "../server/testing/countPostgresRoundTrips";
import { createThrowawayDatabase } from "../server/testing/createThrowawayDatabase";
import { seedBox } from "../server/testing/seedAnalyticsHistory";
import { addTestUser, type TestUser } from "../server/testing/testAuth";
import { tempBlobs } from "../server/testing/testStores";
import { writeTinySequence } from "../server/testing/writeTinySequence";

// npm run -s bench:save [-- --saves 400 --annotators 8 --sequences 4]  (DATABASE_URL or TEST_DATABASE_URL)
// The cost of one annotator's save on PostgreSQL, in process: POST …/annotations/batches through
// createApp (authentication, guards, the task check, applyBatch, the live notice) against a throwaway
// database, `annotators` saving at once, spread over `sequences` sequences with a task each. Per save:
// the server's CPU (this process), PostgreSQL's (its backends of the database, from /proc when the
// server runs on this machine) and round trips (statements that waited for an answer, pipelined
// statements counted once). Less swayed by a shared machine's load than latency; the load average is
// printed beside them. The last line is JSON.
const { values } = parseArgs({
  options: {
    saves: { type: "string" },
    annotators: { type: "string" },
    sequences: { type: "string" },
  },
});
const SAVES = Number(values.saves ?? 400);
const ANNOTATORS = Number(values.annotators ?? 8);
const SEQUENCES = Number(values.sequences ?? 4);

async function main() {
  const adminUrl = process.env.DATABASE_URL || process.env.TEST_DATABASE_URL;
  if (!adminUrl) throw new Error("set DATABASE_URL or TEST_DATABASE_URL (a role that may create databases)");
  const throwaway = await createThrowawayDatabase(adminUrl, "benchsave");
  const blobs = tempBlobs();
  const store = await openDatabase({ dataDir: "", databaseUrl: throwaway.url });
  try {
    const app = createApp({ store, blobs: blobs.blobs });
    const sequenceIds: string[] = [];
    for (let k = 0; k < SEQUENCES; k++) {
      const dir = writeTinySequence(4 + k, 0);
      try {
        sequenceIds.push((await importSequence({ store, blobs: blobs.blobs }, dir)).sequenceId);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
    const lead = await addTestUser(store, "bench-lead", { roles: { [DEFAULT_PROJECT_ID]: "lead" } });
    const annotators: Array<{
      user: TestUser;
      sequenceId: string;
      trackId: string;
      revision: number;
      saves: number;
    }> = [];
    for (let i = 0; i < ANNOTATORS; i++) {
      const sequenceId = must(sequenceIds[i % SEQUENCES], "a sequence");
      const user = await addTestUser(store, `bench-annotator-${i}`, {
        roles: { [DEFAULT_PROJECT_ID]: "annotator" },
      });
      const task = await createTask(store, DEFAULT_PROJECT_ID, {
        sequenceId,
        frameStart: 0,
        frameEnd: 3,
        labelerId: user.id,
        reviewerId: lead.id,
      });
      if ("error" in task) throw new Error(task.message);
      annotators.push({ user, sequenceId, trackId: `t${i}`, revision: 0, saves: 0 });
    }
    const post = async (a: (typeof annotators)[number], operations: unknown[]) => {
      const res = await app.request(`/api/sequences/${a.sequenceId}/annotations/batches`, {
        method: "POST",
        headers: { ...a.user.headers, "Content-Type": "application/json" },
        body: JSON.stringify({ batchId: crypto.randomUUID(), baseRevision: a.revision, operations }),
      });
      if (res.status !== 200) throw new Error(`save: HTTP ${res.status} ${await res.text()}`);
      a.revision = ((await res.json()) as { revision: number }).revision;
    };
    const box = (a: (typeof annotators)[number], x: number) => ({
      ...seedBox(a.trackId, 0, a.trackId, "Car", "human"),
      centerM: { x, y: 0, z: 0 },
    });
    for (const a of annotators)
      await post(a, [
        { op: "putTrack", track: { trackId: a.trackId, className: "Car", attributes: {} } },
        { op: "putCuboid", cuboid: box(a, 0) },
      ]);
    // Warm: every statement prepared, the credential caches filled.
    await Promise.all(annotators.map((a) => post(a, [{ op: "putCuboid", cuboid: box(a, 1) }])));
    const backends = (
      await sql<{ pid: number }>`select pid from pg_stat_activity where datname = current_database()`.execute(
        store.db,
      )
    ).rows.map((r) => r.pid);
    const pg0 = cpuSeconds(backends);
    const load0 = loadavg()[0] ?? Number.NaN;
    const trips = countPostgresRoundTrips();
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    let next = 0;
    await Promise.all(
      annotators.map(async (a) => {
        while (next < SAVES) {
          next++;
          a.saves++;
          // A fresh base each time: the annotator's own box, never a conflict.
          await post(a, [{ op: "putCuboid", cuboid: box(a, 2 + a.saves) }]);
        }
      }),
    );
    const wallMs = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    const roundTrips = trips.stop();
    const pg1 = cpuSeconds(backends);
    const load1 = loadavg()[0] ?? Number.NaN;
    // Every acknowledged save is what the store holds: the last x of each annotator's box.
    for (const a of annotators) {
      const res = await app.request(`/api/sequences/${a.sequenceId}/annotations`, { headers: lead.headers });
      const held = ((await res.json()) as { cuboids: Array<{ id: string; centerM: { x: number } }> }).cuboids;
      const x = held.find((c) => c.id === a.trackId)?.centerM.x;
      const saved = a.saves === 0 ? 1 : 2 + a.saves;
      if (x !== saved) throw new Error(`${a.user.username}: saved x ${saved}, the store holds ${x}`);
    }
    const round = (x: number) => Math.round(x * 100) / 100;
    const result = {
      saves: SAVES,
      annotators: ANNOTATORS,
      sequences: SEQUENCES,
      roundTripsPerSave: round(roundTrips / SAVES),
      serverCpuMsPerSave: round((cpu.user + cpu.system) / 1000 / SAVES),
      postgresCpuMsPerSave: pg0 === null || pg1 === null ? null : round(((pg1 - pg0) * 1000) / SAVES),
      wallMsPerSave: round(wallMs / SAVES),
      load1: [round(load0), round(load1)],
    };
    console.log(JSON.stringify(result));
  } finally {
    await store.close();
    await throwaway.drop();
    blobs.remove();
  }
}

main().catch((e: unknown) => {
  console.error(`bench:save failed: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
