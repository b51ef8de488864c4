import { PGlite } from "@electric-sql/pglite";
import { Kysely, Migrator, sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPgliteDialect } from "../createPgliteDialect";
import { MIGRATIONS } from "./index";

const cuboid = (yawRad: number) =>
  JSON.stringify({
    id: "c1",
    frameIndex: 0,
    trackId: "t1",
    className: "Car",
    centerM: { x: 0, y: 0, z: 0 },
    size: { lengthM: 4, widthM: 2, heightM: 1.5 },
    yawRad,
    pitchRad: 0,
    rollRad: 0,
    attributes: {},
    provenance: "human",
    updatedBy: "tess",
  });

describe("migration 0010: analytics rollups by quarter-hour", () => {
  let pglite: PGlite;
  let db: Kysely<unknown>;
  const migrator = () => new Migrator({ db, provider: { getMigrations: async () => MIGRATIONS } });
  beforeAll(async () => {
    pglite = await PGlite.create();
    db = new Kysely<unknown>({ dialect: createPgliteDialect(pglite) });
    expect((await migrator().migrateTo("0009_qa_config")).error).toBeUndefined();
    // A log written before 0010: tess made c1 at 18:10 UTC and turned it at 18:14.
    await sql`insert into sequences (id, name, lidar_name, cameras, classes, head_revision, project_id)
      values ('s', 's', 'lidar', '[]', '[]', 2, 'default')`.execute(db);
    for (const [revision, at, yaw] of [
      [1, "2026-03-02T18:10:00Z", 0],
      [2, "2026-03-02T18:14:00Z", 0.5],
    ] as const) {
      await sql`insert into batches (sequence_id, revision, batch_id, author, created_at, provenance, operations)
        values ('s', ${revision}, ${`b${revision}`}, 'tess', ${at}, 'human',
          ${JSON.stringify([{ op: "putCuboid", cuboid: JSON.parse(cuboid(yaw)) }])}::jsonb)`.execute(db);
      await sql`insert into object_versions (sequence_id, kind, object_id, revision, data)
        values ('s', 'cuboid', 'c1', ${revision}, ${cuboid(yaw)}::jsonb)`.execute(db);
    }
  });
  afterAll(async () => {
    await db.destroy();
    await pglite.close();
  });

  it("derives the existing log into quarter-hour slots, and goes back to UTC days", async () => {
    expect((await migrator().migrateToLatest()).error).toBeUndefined();
    const slot = "2026-03-02T18:00:00.000Z";
    const counts = await sql<{ slot: Date; created: number; edited: number; finished: number }>`
      select slot, created, edited, finished from box_slot_counts`.execute(db);
    expect(counts.rows.map((r) => ({ ...r, slot: new Date(r.slot).toISOString() }))).toEqual([
      { slot, created: 1, edited: 1, finished: 1 },
    ]);
    const active = await sql<{
      slot: Date;
      active_ms: string | number;
    }>`select slot, active_ms from active_slots`.execute(db);
    expect(active.rows.map((r) => [new Date(r.slot).toISOString(), Number(r.active_ms)])).toEqual([
      [slot, 240_000],
    ]);
    const frame = await sql<{ first_slot: Date }>`select first_slot from frame_counts`.execute(db);
    expect(frame.rows.map((r) => new Date(r.first_slot).toISOString())).toEqual([slot]);

    expect((await migrator().migrateTo("0009_qa_config")).error).toBeUndefined();
    const days = await sql<{ day: string; created: number; edited: number }>`
      select day, created, edited from box_day_counts`.execute(db);
    expect(days.rows).toEqual([{ day: "2026-03-02", created: 1, edited: 1 }]);
    const activeDays = await sql<{
      day: string;
      active_ms: string | number;
    }>`select day, active_ms from active_days`.execute(db);
    expect(activeDays.rows.map((r) => [r.day, Number(r.active_ms)])).toEqual([["2026-03-02", 240_000]]);
  });
});
