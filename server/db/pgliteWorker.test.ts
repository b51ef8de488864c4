import { Kysely, sql } from "kysely";
import { afterAll, beforeAll, expect, it } from "vitest";
import { must } from "../../core/model/must";
import { tempDirsForFile } from "../testing/tempDirsForFile";
import { createPgliteDialect } from "./createPgliteDialect";
import { type PgliteWorker, startPgliteWorker } from "./startPgliteWorker";

// The embedded store's worker prepares each statement text once (pgliteWorker.mjs): a save's
// statements were parsed, analysed and planned on every call. Prepared, they must answer exactly as
// PGlite's query() did: the same rows, the same parameter handling, the same errors.
const tempDir = tempDirsForFile();
// One worker for the file (a new data directory's initdb is seconds); each test its own table.
let worker: PgliteWorker;
beforeAll(async () => {
  worker = await startPgliteWorker(tempDir("cuboidal-prepared-"));
});
afterAll(async () => worker.close());

it("parses a statement text once, however often it runs", async () => {
  const before = await worker.parses();
  for (let i = 0; i < 5; i++)
    expect((await worker.query<{ n: number }>("select $1::int + 1 as n", [i])).rows).toEqual([{ n: i + 1 }]);
  await worker.query("select $1::text as other", ["x"]);
  expect((await worker.parses()) - before).toBe(2);
});

it("binds and reads every kind of value as PGlite's query() does", async () => {
  await worker.query("create table values_t (i int, b boolean, j jsonb, at timestamptz, s text, a text[])");
  const at = new Date("2026-01-02T03:04:05.678Z");
  const insert = "insert into values_t values ($1, $2, $3, $4, $5, $6) returning i";
  const inserted = await worker.query(insert, [
    1,
    true,
    JSON.stringify({ x: [1, 2] }),
    at,
    "it's",
    ["a", "b"],
  ]);
  expect(inserted).toEqual({ rows: [{ i: 1 }], affectedRows: 1 });
  await worker.query(insert, [2, null, null, null, null, null]);
  const rows = (await worker.query("select * from values_t order by i")).rows;
  expect(rows).toEqual([
    { i: 1, b: true, j: { x: [1, 2] }, at, s: "it's", a: ["a", "b"] },
    { i: 2, b: null, j: null, at: null, s: null, a: null },
  ]);
  expect((await worker.query("update values_t set s = 'z' where i > $1", [0])).affectedRows).toBe(2);
});

it("fails a bad statement with PostgreSQL's code, and the transaction rolls back as before", async () => {
  await worker.query("create table errors_t (i int primary key)");
  const insert = "insert into errors_t values ($1)";
  await worker.query("begin");
  await worker.query(insert, [1]);
  await expect(worker.query(insert, [1])).rejects.toMatchObject({ code: "23505" });
  await expect(worker.query("select count(*)::int as n from errors_t", [])).rejects.toMatchObject({
    code: "25P02",
  });
  await worker.query("rollback");
  await expect(worker.query("select $1::int as n", ["x"])).rejects.toMatchObject({ code: "22P02" });
  await expect(worker.query("selec 1", [])).rejects.toMatchObject({ code: "42601" });
  await worker.query(insert, [2]);
  expect((await worker.query("select i from errors_t", [])).rows).toEqual([{ i: 2 }]);
});

it("forgets its statements when the schema changes, so a `select *` sees a new column", async () => {
  await worker.query("create table schema_t (i int)");
  await worker.query("insert into schema_t values (1)");
  expect((await worker.query("select * from schema_t", [])).rows).toEqual([{ i: 1 }]);
  await worker.query("alter table schema_t add column j int default 7");
  expect((await worker.query("select * from schema_t", [])).rows).toEqual([{ i: 1, j: 7 }]);
  await worker.exec?.("begin; alter table schema_t drop column j; commit;");
  expect((await worker.query("select * from schema_t", [])).rows).toEqual([{ i: 1 }]);
});

it("sends a transaction's begin with its first statement: one trip to the worker less", async () => {
  const calls: string[] = [];
  const counted: PgliteWorker = {
    ...worker,
    query: (text, params) => {
      calls.push(text);
      return worker.query(text, params);
    },
    queryAfterBegin: (text, params) => {
      calls.push(`begin + ${text}`);
      return must(worker.queryAfterBegin, "the worker's queryAfterBegin")(text, params);
    },
  };
  const db = new Kysely<{ session_t: { i: number } }>({ dialect: createPgliteDialect(counted) });
  await sql`create table session_t (i int)`.execute(db);
  calls.length = 0;
  await db.transaction().execute(async (tx) => {
    await tx.insertInto("session_t").values({ i: 1 }).execute();
    await tx.insertInto("session_t").values({ i: 2 }).execute();
  });
  expect(calls).toEqual([
    'begin + insert into "session_t" ("i") values ($1)',
    'insert into "session_t" ("i") values ($1)',
    "commit",
  ]);
  // The begin did open the transaction: a failure inside rolls back what came before it.
  await expect(
    db.transaction().execute(async (tx) => {
      await tx.insertInto("session_t").values({ i: 3 }).execute();
      throw new Error("give up");
    }),
  ).rejects.toThrow("give up");
  expect((await db.selectFrom("session_t").select("i").orderBy("i").execute()).map((r) => r.i)).toEqual([
    1, 2,
  ]);
});
