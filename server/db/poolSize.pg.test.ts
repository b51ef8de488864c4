import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { must } from "../../core/model/must";
import { createThrowawayDatabase } from "../testing/createThrowawayDatabase";
import { testStoreKinds } from "../testing/testStores";
import { DEFAULT_POOL_SIZE, openDatabase } from "./openDatabase";

/** Distinct backends that answer `n` statements sent at once, each holding its connection a while. */
async function backendsAtOnce(poolSize: number | undefined, n: number, url: string): Promise<number> {
  const store = await openDatabase({ dataDir: "", databaseUrl: url, ...(poolSize ? { poolSize } : {}) });
  try {
    const pids = await Promise.all(
      Array.from({ length: n }, async () => {
        const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid, pg_sleep(0.2)`.execute(
          store.db,
        );
        return must(rows[0], "a row").pid;
      }),
    );
    return new Set(pids).size;
  } finally {
    await store.close();
  }
}

// The pool's size is DEFAULT_POOL_SIZE unless DATABASE_POOL_SIZE (poolSize) says otherwise: it was a
// fixed 10 that a busy deployment could not raise.
describe.each(testStoreKinds().filter((k) => k.name === "postgres"))("PostgreSQL pool size", () => {
  const adminUrl = must(process.env.TEST_DATABASE_URL, "process.env.TEST_DATABASE_URL");
  let throwaway: Awaited<ReturnType<typeof createThrowawayDatabase>>;
  beforeAll(async () => {
    throwaway = await createThrowawayDatabase(adminUrl, "poolsize");
  });
  afterAll(async () => {
    await throwaway.drop();
  });

  it("runs up to DEFAULT_POOL_SIZE statements at once by default, and poolSize when given", async () => {
    expect(await backendsAtOnce(undefined, DEFAULT_POOL_SIZE + 5, throwaway.url)).toBe(DEFAULT_POOL_SIZE);
    expect(await backendsAtOnce(3, 8, throwaway.url)).toBe(3);
    expect(await backendsAtOnce(14, 20, throwaway.url)).toBe(14);
  });
});
