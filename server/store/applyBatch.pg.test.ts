import { rmSync } from "node:fs";
import { sql } from "kysely";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { must } from "../../core/model/must";
import { type Database, openDatabase } from "../db/openDatabase";
import { importSequence } from "../import/importSequence";
import { createThrowawayDatabase } from "../testing/createThrowawayDatabase";
import { countPostgresRoundTrips } from "../testing/countPostgresRoundTrips";
import { seedBox } from "../testing/seedAnalyticsHistory";
import { tempBlobs, testStoreKinds } from "../testing/testStores";
import { writeTinySequence } from "../testing/writeTinySequence";
import { applyBatch } from "./applyBatch";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// bench:server, 200 annotators as one user over ten sequences: every save waited 228 ms on the
// author's work-time row, locked inside the batch's transaction to its commit while the sequence's
// lock was held too, so one person's saves serialised all sequences.
describe.each(testStoreKinds().filter((k) => k.name === "postgres"))("applyBatch on PostgreSQL", () => {
  const adminUrl = must(process.env.TEST_DATABASE_URL, "TEST_DATABASE_URL");
  let throwaway: Awaited<ReturnType<typeof createThrowawayDatabase>>;
  let store: Database;
  let blobs: ReturnType<typeof tempBlobs>;
  let sequenceId: string;
  beforeAll(async () => {
    throwaway = await createThrowawayDatabase(adminUrl, "applybatch");
    store = await openDatabase({ dataDir: "", databaseUrl: throwaway.url });
    blobs = tempBlobs();
    const dir = writeTinySequence(3, 0);
    try {
      sequenceId = (await importSequence({ store, blobs: blobs.blobs }, dir)).sequenceId;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
  afterAll(async () => {
    await store.close();
    await throwaway.drop();
    blobs.remove();
  });

  it("does not hold the sequence while the author's work-time row is busy", async () => {
    const first = await applyBatch(
      store,
      sequenceId,
      {
        batchId: "b1",
        baseRevision: 0,
        operations: [
          { op: "putTrack", track: { trackId: "t1", className: "Car", attributes: {} } },
          { op: "putCuboid", cuboid: seedBox("c1", 0, "t1", "Car", "human") },
        ],
      },
      "x",
    );
    expect(first).toMatchObject({ status: "accepted", revision: 1 });
    // Another transaction holds x's work stretch (as x's save to another sequence would).
    const other = new pg.Client({ connectionString: throwaway.url });
    await other.connect();
    try {
      await other.query("begin");
      const held = await other.query("select 1 from work_stretches where author = 'x' for update");
      expect(held.rowCount).toBe(1);
      const xSave = applyBatch(
        store,
        sequenceId,
        {
          batchId: "b2",
          baseRevision: 1,
          operations: [
            { op: "putCuboid", cuboid: { ...seedBox("c1", 0, "t1", "Car", "human"), yawRad: 0.5 } },
          ],
        },
        "x",
      );
      // x's save now waits on that row.
      const dbName = new URL(throwaway.url).pathname.slice(1);
      for (;;) {
        const waiting = await other.query(
          "select 1 from pg_stat_activity where datname = $1 and wait_event_type = 'Lock'",
          [dbName],
        );
        if (waiting.rowCount) break;
        await sleep(10);
      }
      // y's save to the same sequence goes through meanwhile: x's batch is committed, its lock gone.
      const ySave = await applyBatch(
        store,
        sequenceId,
        {
          batchId: "b3",
          baseRevision: 1,
          operations: [{ op: "putCuboid", cuboid: seedBox("c2", 1, "t1", "Car", "human") }],
        },
        "y",
      );
      expect(ySave).toMatchObject({ status: "accepted", revision: 3 });
      await other.query("commit");
      expect(await xSave).toMatchObject({ status: "accepted", revision: 2 });
    } finally {
      await other.end();
    }
    const stretches = await store.db
      .selectFrom("work_stretches")
      .select(["author", "saves"])
      .orderBy("author")
      .execute();
    expect(stretches).toEqual([
      { author: "x", saves: 2 },
      { author: "y", saves: 1 },
    ]);
  });

  // The reads must not use a snapshot from before the lock: a batch that commits while this one waits
  // must be seen (a conflict here), never overwritten.
  it("sees a batch that committed while it waited for the sequence", async () => {
    const cuboid = seedBox("c3", 0, "t1", "Car", "human");
    const made = await applyBatch(
      store,
      sequenceId,
      { batchId: "b4", baseRevision: 3, operations: [{ op: "putCuboid", cuboid }] },
      "x",
    );
    expect(made).toMatchObject({ status: "accepted", revision: 4 });
    const other = new pg.Client({ connectionString: throwaway.url });
    await other.connect();
    try {
      // Another server's batch: it holds the sequence and moves c3 at revision 5.
      await other.query("begin");
      await other.query("select head_revision from sequences where id = $1 for update", [sequenceId]);
      const mine = applyBatch(
        store,
        sequenceId,
        {
          batchId: "b6",
          baseRevision: 4,
          operations: [{ op: "putCuboid", cuboid: { ...cuboid, yawRad: 1 } }],
        },
        "y",
      );
      const dbName = new URL(throwaway.url).pathname.slice(1);
      for (;;) {
        const waiting = await other.query(
          "select 1 from pg_stat_activity where datname = $1 and wait_event_type = 'Lock'",
          [dbName],
        );
        if (waiting.rowCount) break;
        await sleep(10);
      }
      const moved = JSON.stringify({ ...cuboid, yawRad: 2 });
      await other.query(
        `update objects set revision = 5, data = $2::jsonb
          where sequence_id = $1 and kind = 'cuboid' and object_id = 'c3'`,
        [sequenceId, moved],
      );
      await other.query(
        `insert into batches (sequence_id, revision, batch_id, author, created_at, provenance, operations)
          values ($1, 5, 'b5', 'z', now(), 'human', $2::jsonb)`,
        [sequenceId, JSON.stringify([{ op: "putCuboid", cuboid: JSON.parse(moved) }])],
      );
      await other.query("update sequences set head_revision = 5 where id = $1", [sequenceId]);
      await other.query("commit");
      const result = await mine;
      expect(result.status).toBe("conflict");
      if (result.status === "conflict") expect(result.conflict.conflictingIds).toEqual(["c3"]);
    } finally {
      await other.end();
    }
    const row = await store.db
      .selectFrom("objects")
      .select(["revision", sql<number>`(data->>'yawRad')::float8`.as("yaw")])
      .where("sequence_id", "=", sequenceId)
      .where("object_id", "=", "c3")
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ revision: 5, yaw: 2 });
  });

  // Named statements are planned for each execution's parameters, as unnamed ones were: a generic
  // plan (PostgreSQL's pick after five runs) is blind to a sequence's size.
  it("plans every execution of a prepared statement for its parameters", async () => {
    const mode = await sql<{ plan_cache_mode: string }>`show plan_cache_mode`.execute(store.db);
    expect(mode.rows).toEqual([{ plan_cache_mode: "force_custom_plan" }]);
  });

  // A save was 6 round trips under applyBatch (begin, lock with reads, the check, writes, commit,
  // work time) and a 7th for its live notice after it; each is a wait on the pool's connection while
  // 200 annotators queue for it.
  it("saves in 2 round trips with its check, its live notice and its work time", async () => {
    const heard: number[] = [];
    const unsubscribe = store.live.subscribe((e) => {
      if (e.kind === "batch" && e.sequenceId === sequenceId) heard.push(e.revision);
    });
    const head = must(
      await store.db
        .selectFrom("sequences")
        .select("head_revision")
        .where("id", "=", sequenceId)
        .executeTakeFirst(),
      "the sequence",
    ).head_revision;
    const checked: Array<Record<string, unknown>> = [];
    const trips = countPostgresRoundTrips();
    let result: Awaited<ReturnType<typeof applyBatch>>;
    try {
      result = await applyBatch(
        store,
        sequenceId,
        {
          batchId: "trips",
          baseRevision: head,
          operations: [
            { op: "putTrack", track: { trackId: "t9", className: "Car", attributes: {} } },
            { op: "putCuboid", cuboid: seedBox("c9", 1, "t9", "Car", "human") },
          ],
        },
        "w",
        {
          columns: sql`(select count(*)::int from frames where sequence_id = ${sequenceId}) as check_frames`,
          decide(row) {
            checked.push(row);
            return null;
          },
        },
      );
    } finally {
      // begin, lock, reads with the check's; writes, notice, commit, the author's work time.
      expect(trips.stop()).toBe(2);
    }
    expect(result).toMatchObject({ status: "accepted", revision: head + 1 });
    expect(checked[0]?.check_frames).toBe(3);
    const stretch = await store.db
      .selectFrom("work_stretches")
      .select("saves")
      .where("author", "=", "w")
      .execute();
    expect(stretch).toEqual([{ saves: 1 }]);
    for (let i = 0; i < 500 && !heard.includes(head + 1); i++) await sleep(10);
    unsubscribe();
    expect(heard).toEqual([head + 1]);
  });
});
