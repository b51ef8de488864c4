import { Kysely, sql } from "kysely";
import pg from "pg";
import { Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { must } from "../../core/model/must";
import { createPostgresLiveHub } from "../live/createPostgresLiveHub";
import type { LiveEvent } from "../live/LiveHub";
import { countPostgresRoundTrips } from "../testing/countPostgresRoundTrips";
import { createThrowawayDatabase } from "../testing/createThrowawayDatabase";
import { afterCommit, createPostgresSession, ridesWithNext } from "./createPostgresSession";

const adminUrl = process.env.TEST_DATABASE_URL;

describe.skipIf(!adminUrl)("createPostgresSession", () => {
  let throwaway: Awaited<ReturnType<typeof createThrowawayDatabase>>;
  let pool: pg.Pool;
  // biome-ignore lint/suspicious/noExplicitAny: a scratch table, no schema type.
  let db: Kysely<any>;
  beforeAll(async () => {
    throwaway = await createThrowawayDatabase(must(adminUrl, "TEST_DATABASE_URL"), "session");
    // One connection: what one statement prepared, the next finds.
    pool = new pg.Pool({ connectionString: throwaway.url, max: 1, pipeline: true });
    // Dropping the database ends connections the pool is still closing (as openDatabase, never fatal).
    pool.on("error", () => {});
    pool.on("connect", (client) => client.on("error", () => {}));
    db = new Kysely({ dialect: createPostgresSession(pool) });
    await sql`create table t (id int primary key, v text)`.execute(db);
  });
  afterAll(async () => {
    await db.destroy();
    await throwaway.drop();
  });

  it("sends begin and riders with the next statement: one round trip and one write, the commit another", async () => {
    const trips = countPostgresRoundTrips();
    // Socket writes (syscalls): node-postgres makes one per statement unless they are corked together.
    const writeGeneric = (Socket.prototype as unknown as { _writeGeneric: (...a: unknown[]) => unknown })
      ._writeGeneric;
    let writes = 0;
    const spy = vi.spyOn(
      Socket.prototype as unknown as { _writeGeneric: typeof writeGeneric },
      "_writeGeneric",
    );
    spy.mockImplementation(function (this: Socket, ...args: unknown[]) {
      writes++;
      return writeGeneric.apply(this, args);
    });
    try {
      const read = await db.transaction().execute(async (tx) => {
        await ridesWithNext(sql`insert into t values (1, 'a')`).execute(tx);
        await ridesWithNext(sql`update t set v = 'b' where id = 1`).execute(tx);
        const rows = (await sql<{ v: string }>`select v from t where id = 1`.execute(tx)).rows;
        await ridesWithNext(sql`update t set v = 'c' where id = 1`).execute(tx);
        return rows;
      });
      expect(read).toEqual([{ v: "b" }]);
    } finally {
      spy.mockRestore();
      // begin + insert + update + select; update + commit.
      expect(trips.stop()).toBe(2);
    }
    expect(writes).toBe(2);
    expect((await sql<{ v: string }>`select v from t where id = 1`.execute(db)).rows).toEqual([{ v: "c" }]);
  });

  it("reports a rider's failure at the next statement and rolls the transaction back", async () => {
    const failing = db.transaction().execute(async (tx) => {
      await ridesWithNext(sql`insert into t values (2, 'x')`).execute(tx);
      // Duplicate key: nothing of this transaction may stay.
      await ridesWithNext(sql`insert into t values (1, 'dup')`).execute(tx);
      await ridesWithNext(sql`insert into t values (3, 'y')`).execute(tx);
    });
    // The commit carries the failure: the first one, not "current transaction is aborted".
    await expect(failing).rejects.toMatchObject({ code: "23505" });
    const failingRead = db.transaction().execute(async (tx) => {
      await ridesWithNext(sql`select 1 / 0`).execute(tx);
      return sql`select 1 as one`.execute(tx);
    });
    await expect(failingRead).rejects.toMatchObject({ code: "22012" });
    expect((await sql<{ id: number }>`select id from t order by id`.execute(db)).rows).toEqual([{ id: 1 }]);
    // The connection is usable after both.
    expect((await sql<{ n: number }>`select count(*)::int as n from t`.execute(db)).rows).toEqual([{ n: 1 }]);
  });

  it("prepares a statement text once and survives a schema change under a prepared select *", async () => {
    const selectAll = () => sql<Record<string, unknown>>`select * from t where id = ${1}`.execute(db);
    expect((await selectAll()).rows).toEqual([{ id: 1, v: "c" }]);
    const prepared = async () =>
      (await sql<{ statement: string }>`select statement from pg_prepared_statements`.execute(db)).rows.map(
        (r) => r.statement,
      );
    expect(await prepared()).toContain("select * from t where id = $1");
    await sql`alter table t add column w int`.execute(db);
    // The plan prepared before the change fails (SQLSTATE 0A000): outside a transaction the statement
    // is prepared anew and sent again.
    expect((await selectAll()).rows).toEqual([{ id: 1, v: "c", w: null }]);
    await sql`alter table t drop column w`.execute(db);
    // Inside one the transaction is aborted: the caller is told, and the next call prepares anew.
    await expect(
      db.transaction().execute((tx) => sql`select * from t where id = ${1}`.execute(tx)),
    ).rejects.toMatchObject({ code: "0A000" });
    expect((await selectAll()).rows).toEqual([{ id: 1, v: "c" }]);
  });

  it("runs an afterCommit statement behind the commit, outside the transaction, never after a rollback", async () => {
    await sql`create table after_commit (id int primary key, n int)`.execute(db);
    await sql`insert into after_commit values (1, 0)`.execute(db);
    const bump = () => afterCommit(sql`update after_commit set n = n + 1 where id = 1`);
    const committed = bump();
    const trips = countPostgresRoundTrips();
    await db.transaction().execute(async (tx) => {
      await committed.statement.execute(tx);
      // Queued, not run: the transaction does not see it.
      const inside = await sql<{ n: number }>`select n from after_commit`.execute(tx);
      expect(inside.rows).toEqual([{ n: 0 }]);
    });
    // begin + select; commit + the statement.
    expect(trips.stop()).toBe(2);
    await committed.ran;
    const rolledBack = bump();
    await db
      .transaction()
      .execute(async (tx) => {
        await rolledBack.statement.execute(tx);
        throw new Error("the work failed");
      })
      .catch(() => {});
    await expect(rolledBack.ran).rejects.toThrow(/rolled back/);
    // Outside a transaction: at once.
    await bump().statement.execute(db);
    expect((await sql<{ n: number }>`select n from after_commit`.execute(db)).rows).toEqual([{ n: 2 }]);
  });

  it("sends a NOTIFY made with publishOnCommit at the commit, and none for a rollback", async () => {
    const hub = createPostgresLiveHub(throwaway.url, db);
    const publishOnCommit = must(hub.publishOnCommit, "the PostgreSQL hub's publishOnCommit");
    const heard: LiveEvent[] = [];
    hub.subscribe((e) => heard.push(e));
    try {
      await hub.ready;
      const event = (revision: number) => ({ kind: "batch" as const, sequenceId: "s", revision });
      await db
        .transaction()
        .execute(async (tx) => {
          await publishOnCommit(tx, event(1));
          throw new Error("the save failed after its notice");
        })
        .catch(() => {});
      await db.transaction().execute(async (tx) => {
        await publishOnCommit(tx, event(2));
        await ridesWithNext(sql`update t set v = 'd' where id = 1`).execute(tx);
      });
      // A bare publish after both: once it is heard, anything sent before it has been too.
      await hub.publish(event(3));
      for (let i = 0; i < 500 && !heard.some((e) => e.kind === "batch" && e.revision === 3); i++)
        await new Promise((r) => setTimeout(r, 10));
      expect(heard.map((e) => (e.kind === "batch" ? e.revision : e.kind))).toEqual([2, 3]);
    } finally {
      await hub.close();
    }
  });
});
