import { type Kysely, sql } from "kysely";
import type { Schema } from "./Schema";

/** The advisory lock key of start-up work (migrations, first admin, sample import): "cubi" in ASCII. */
export const STARTUP_LOCK_KEY = 0x63756269;

/**
 * Runs `work` while holding a PostgreSQL session advisory lock, so servers started together on one
 * database migrate, create the first admin and import the sample one after the other: the second
 * waits, then finds the work done (Kysely's own migration lock comes after it creates its tables,
 * and two `create table if not exists` at once can fail). `work` may use any connection of the pool;
 * the lock lives on one connection set aside for it. PGlite has one process per data directory
 * (acquireDirLock) and needs no lock.
 */
export async function withStartupLock<T>(
  db: Kysely<Schema>,
  kind: "pglite" | "postgres",
  work: () => Promise<T>,
): Promise<T> {
  if (kind === "pglite") return work();
  return db.connection().execute(async (conn) => {
    await sql`select pg_advisory_lock(${STARTUP_LOCK_KEY}::bigint)`.execute(conn);
    try {
      return await work();
    } finally {
      await sql`select pg_advisory_unlock(${STARTUP_LOCK_KEY}::bigint)`.execute(conn).catch(() => {});
    }
  });
}
