import { sql } from "kysely";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createThrowawayDatabase } from "../testing/createThrowawayDatabase";
import { testStoreKinds } from "../testing/testStores";
import { type Database, openDatabase } from "./openDatabase";
import { must } from "../../core/model/must";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// Probed: `pg_ctl -m immediate stop` under load killed the Node server 5 times out of 5 (an
// unhandled pool 'error' event). Here every connection of the pool is killed from the server side.
describe.each(testStoreKinds().filter((k) => k.name === "postgres"))("PostgreSQL connections lost", () => {
  const adminUrl = must(process.env.TEST_DATABASE_URL, "process.env.TEST_DATABASE_URL");
  let throwaway: Awaited<ReturnType<typeof createThrowawayDatabase>>;
  let store: Database;
  beforeAll(async () => {
    throwaway = await createThrowawayDatabase(adminUrl, "poolerror");
    store = await openDatabase({ dataDir: "", databaseUrl: throwaway.url });
  });
  afterAll(async () => {
    await store.close();
    await throwaway.drop();
  });

  it("logs the lost idle connections, keeps the process up, and the next query works", async () => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      // Several idle pooled connections, then the server ends every backend of the database.
      await Promise.all([1, 2, 3].map(() => sql`select pg_sleep(0.05)`.execute(store.db)));
      const admin = new pg.Client({ connectionString: adminUrl });
      await admin.connect();
      const dbName = new URL(throwaway.url).pathname.slice(1);
      const killed = await admin.query(
        "select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()",
        [dbName],
      );
      await admin.end();
      while (!logged.mock.calls.some((c) => /PostgreSQL connection lost/.test(String(c[0])))) await sleep(20);
      const line = must(
        logged.mock.calls.map((c) => String(c[0])).find((l) => /connection lost/.test(l)),
        "logged.mock.calls.map((c) => String(c[0])).find((l) => /c...",
      );
      expect(line).toMatch(/terminat/i);
      expect(line).not.toMatch(/password=/);
      // Each killed connection is reported on its own: a query handed one the pool has not yet heard
      // is dead fails (CI once did, 77 ms in), at most once per killed connection; then queries work.
      let one: number | undefined;
      for (let attempt = 0; one === undefined && attempt <= (killed.rowCount ?? 0); attempt++)
        one = await sql<{ one: number }>`select 1 as one`
          .execute(store.db)
          .then((r) => r.rows[0]?.one)
          .catch(() => undefined);
      expect(one).toBe(1);
    } finally {
      logged.mockRestore();
    }
  });
});
