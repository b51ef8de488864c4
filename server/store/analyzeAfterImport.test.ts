import { rmSync } from "node:fs";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../db/openDatabase";
import { importSequence } from "../import/importSequence";
import { type TestStore, tempBlobs, testStoreKinds } from "../testing/testStores";
import { writeTinySequence } from "../testing/writeTinySequence";

const objectStats = async (store: Database) =>
  Number(
    (
      await sql<{ n: number }>`select count(*)::int as n from pg_stats where tablename = 'objects'`.execute(
        store.db,
      )
    ).rows[0]?.n,
  );

describe.each(testStoreKinds().filter((k) => k.name === "pglite"))("an import on PGlite", (kind) => {
  let testStore: TestStore;
  beforeAll(async () => {
    testStore = await kind.start();
  });
  afterAll(async () => {
    await testStore.stop();
  });

  it("leaves the planner statistics of what it wrote (no autovacuum there)", async () => {
    const store = await testStore.fresh();
    const blobs = tempBlobs();
    const dir = writeTinySequence(3, 2);
    try {
      expect(await objectStats(store)).toBe(0);
      await importSequence({ store, blobs: blobs.blobs }, dir);
      expect(await objectStats(store)).toBeGreaterThan(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
      blobs.remove();
      await store.close();
    }
  });
});
