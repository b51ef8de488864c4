import { afterAll, beforeAll, expect, it } from "vitest";
import { tempDirsForFile } from "../testing/tempDirsForFile";
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
