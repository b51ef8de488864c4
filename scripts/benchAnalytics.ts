import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { type Kysely, sql } from "kysely";
import { createApp } from "../server/app";
import { recordBoxEvents } from "../server/analytics/recordBoxEvents";
import { rebuildWorkTime } from "../server/analytics/recordWorkTime";
import { createFileBlobStore } from "../server/blobs/createFileBlobStore";
import { openDatabase } from "../server/db/openDatabase";
import { createThrowawayDatabase } from "../server/testing/createThrowawayDatabase";
import { addTestUser } from "../server/testing/testAuth";
import { must } from "../core/model/must";

// DATABASE_URL=postgres://… npm run -s bench:analytics [-- 100000]
// Seeds, in a throwaway PostgreSQL database, a project with a 100,000-batch operation log
// (20 sequences of 500 frames, one annotator each, two boxes per batch: a new one, a quarter of
// them machine-made, and an edit of the previous one; eight working hours a day with idle gaps),
// derives box_events, the quarter-hour rollups and the work stretches as migration 0010 does, and times every analytics endpoint through the app
// (lead's bearer token), reporting the median of 5 against a baseline measured in the same run:
// a plain `select count(*) from batches` (one scan of the log). Target: every endpoint < 500 ms.
const BATCHES = Number(process.argv[2] ?? 100_000);
const SEQUENCES = 20;
const FRAMES = 500;
const adminUrl = process.env.DATABASE_URL ?? process.env.TEST_DATABASE_URL;
if (!adminUrl) {
  console.error("bench:analytics needs DATABASE_URL (a PostgreSQL server whose role may create databases)");
  process.exit(2);
}

// BENCH_REUSE=<url of a database this script seeded and kept with BENCH_KEEP=1>: time only.
const reuse = process.env.BENCH_REUSE;
const throwaway = reuse ? null : await createThrowawayDatabase(adminUrl, "bench_analytics");
const blobsDir = mkdtempSync(path.join(tmpdir(), "cuboidal-bench-analytics-"));
const store = await openDatabase({ dataDir: "", databaseUrl: reuse ?? must(throwaway, "throwaway").url });
try {
  const db = store.db;
  if (!reuse) await seed();
  await sql`delete from users where username = 'bench-lead'`.execute(db);
  const lead = await addTestUser(store, "bench-lead", { roles: { bench: "lead" } });
  const app = createApp({ store, blobs: createFileBlobStore(blobsDir) });
  const median = async (run: () => Promise<unknown>) => {
    const times: number[] = [];
    await run(); // warm: plans and caches
    for (let i = 0; i < 5; i++) {
      const t0 = performance.now();
      await run();
      times.push(performance.now() - t0);
    }
    return must(times.sort((a, b) => a - b)[2], "the median of five timings");
  };
  const baseline = await median(() => sql`select count(*) from batches`.execute(db));
  console.log(`baseline (select count(*) from batches): ${baseline.toFixed(1)} ms`);
  const endpoints = [
    "people",
    "people?person=annotator3",
    "people?from=2026-01-06&to=2026-01-08",
    "people?format=csv",
    "people?tz=Asia/Kathmandu",
    "stretches",
    "tasks",
    "ledger",
    "ledger?format=csv",
    "progress",
    "progress?tz=Asia/Kolkata",
    "review",
    "settings",
  ];
  let worst = 0;
  for (const e of endpoints) {
    let status = 0;
    const ms = await median(async () => {
      const res = await app.request(`/api/projects/bench/analytics/${e}`, { headers: lead.headers });
      status = res.status;
      await res.arrayBuffer();
    });
    worst = Math.max(worst, ms);
    console.log(
      `${`GET …/analytics/${e}`.padEnd(52)} ${String(status)} ${ms.toFixed(1).padStart(7)} ms  ${(ms / baseline).toFixed(1).padStart(5)}× baseline`,
    );
  }
  console.log(
    `slowest endpoint ${worst.toFixed(1)} ms (target < 500 ms): ${worst < 500 ? "ok" : "TOO SLOW"}`,
  );
} finally {
  await store.close();
  if (throwaway && process.env.BENCH_KEEP) console.log(`kept ${throwaway.url}`);
  else await throwaway?.drop();
  process.exit(0);
  rmSync(blobsDir, { recursive: true, force: true });
}

async function seed(): Promise<void> {
  const seedStart = performance.now();
  const db = store.db;
  const perSeq = Math.ceil(BATCHES / SEQUENCES);
  await sql`insert into projects (id, name, classes) values ('bench', 'Bench', '[]'::jsonb)`.execute(db);
  await sql`insert into users (id, username, display_name, password_hash)
    select 'u' || s, 'annotator' || s, 'Annotator ' || s, 'x' from generate_series(0, ${SEQUENCES - 1}) s`.execute(
    db,
  );
  await sql`insert into project_members (project_id, user_id, role)
    select 'bench', 'u' || s, 'annotator' from generate_series(0, ${SEQUENCES - 1}) s`.execute(db);
  await sql`insert into sequences (id, name, lidar_name, cameras, classes, head_revision, project_id)
    select 's' || s, 'seq ' || s, 'lidar', '[]', '[]', ${perSeq}, 'bench' from generate_series(0, ${SEQUENCES - 1}) s`.execute(
    db,
  );
  await sql`insert into frames (sequence_id, frame_index, name, timestamp_us, world_from_lidar, lidar_blob, lidar_format, image_blobs)
    select 's' || s, f, lpad(f::text, 6, '0'), f * 100000, '{}', 'blob', 'pcd', '{}'
    from generate_series(0, ${SEQUENCES - 1}) s, generate_series(0, ${FRAMES - 1}) f`.execute(db);
  // Batch r of sequence s: annotator s, 09:00 + 50 s per batch, 500 batches a day, a 10-minute
  // pause every 37th; it puts box r (frame r mod 500, auto-fit when r mod 4 = 0) and edits box r-1.
  await sql`create temporary table plan as
    select 's' || s as sequence_id, s, r, 'annotator' || s as author,
      timestamptz '2026-01-05 09:00:00+00' + ((r - 1) / 500) * interval '1 day'
        + ((r - 1) % 500) * interval '50 seconds' + ((r - 1) % 500 / 37) * interval '10 minutes' as at,
      (r - 1) % ${FRAMES} as frame, case when r % 4 = 0 then 'auto-fit' else 'human' end as provenance
    from generate_series(0, ${SEQUENCES - 1}) s, generate_series(1, ${perSeq}) r`.execute(db);
  const cuboid = (id: string, frame: string, prov: string, author: string) =>
    sql.raw(`jsonb_build_object('id', ${id}, 'frameIndex', ${frame}, 'trackId', 't1', 'className', case when ${frame} % 3 = 0 then 'Pedestrian' else 'Car' end,
      'centerM', jsonb_build_object('x', 1.5, 'y', 2.5, 'z', 0.5), 'size', jsonb_build_object('lengthM', 4.2, 'widthM', 1.9, 'heightM', 1.6),
      'yawRad', 0.3, 'pitchRad', 0, 'rollRad', 0, 'attributes', '{}'::jsonb, 'provenance', ${prov}, 'updatedBy', ${author})`);
  await sql`insert into batches (sequence_id, revision, batch_id, author, created_at, provenance, operations)
    select sequence_id, r, 'b-' || sequence_id || '-' || r, author, at, provenance,
      jsonb_build_array(jsonb_build_object('op', 'putCuboid', 'cuboid', ${cuboid("'c' || r", "frame", "provenance", "author")}),
        jsonb_build_object('op', 'putCuboid', 'cuboid', ${cuboid("'c' || (r - 1)", "frame", "'human'", "author")}))
    from plan`.execute(db);
  await sql`insert into object_versions (sequence_id, kind, object_id, revision, data)
    select sequence_id, 'cuboid', 'c' || r, r, ${cuboid("'c' || r", "frame", "provenance", "author")} from plan
    union all
    select sequence_id, 'cuboid', 'c' || (r - 1), r, ${cuboid("'c' || (r - 1)", "(frame + 499) % 500", "'human'", "author")} from plan where r > 1`.execute(
    db,
  );
  await sql`insert into objects (sequence_id, kind, object_id, revision, data)
    select distinct on (sequence_id, object_id) sequence_id, kind, object_id, revision, data
    from object_versions order by sequence_id, object_id, revision desc`.execute(db);
  await sql`insert into tasks (id, project_id, sequence_id, name, frame_start, frame_end, labeler_id, state)
    select 't' || s || '-' || k, 'bench', 's' || s, 'task ' || k, k * 100, k * 100 + 99, 'u' || s,
      (array['accepted', 'accepted', 'in-review', 'submitted', 'labeling'])[k + 1]
    from generate_series(0, ${SEQUENCES - 1}) s, generate_series(0, 4) k`.execute(db);
  // What migration 0010 does for an existing log: derive the events, rollups and work stretches.
  await recordBoxEvents(db as unknown as Kysely<unknown>);
  await rebuildWorkTime(db as unknown as Kysely<unknown>, null);
  // Settle the freshly written tables (visibility map, statistics, dirty pages) so the first timed
  // endpoint does not pay for the seed's background work.
  await sql`vacuum (analyze)`.execute(db);
  await sql`checkpoint`.execute(db).catch(() => {}); // needs superuser or pg_checkpoint; optional
  const counts = must(
    (
      await sql<{ batches: number; events: number }>`select (select count(*)::int from batches) as batches,
      (select count(*)::int from box_events) as events`.execute(db)
    ).rows[0],
    "the row of batch and event counts",
  );
  console.log(
    `seeded ${counts.batches} batches, ${counts.events} box events in ${((performance.now() - seedStart) / 1000).toFixed(1)} s`,
  );
}
