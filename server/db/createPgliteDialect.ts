import { PostgresDialect } from "kysely";

/** What the dialect needs of PGlite: a PGlite itself, or one in a worker thread (startPgliteWorker). */
export interface PgliteQueryable {
  query<T>(sql: string, params?: unknown[]): Promise<{ rows: T[]; affectedRows?: number }>;
}

/**
 * Kysely's Postgres dialect over PGlite. PGlite is one connection, so this pool hands it to one
 * holder at a time: a Kysely transaction holds it from BEGIN to COMMIT and every other query waits
 * its turn, which gives the same isolation a real pool of connections would.
 */
export function createPgliteDialect(pglite: PgliteQueryable): PostgresDialect {
  let tail: Promise<void> = Promise.resolve();
  const client = {
    async query(sqlText: string, params: readonly unknown[]) {
      const r = await pglite.query<Record<string, unknown>>(sqlText, params as unknown[]);
      const command = /^\s*(\w+)/.exec(sqlText)?.[1]?.toUpperCase() ?? "";
      return { command, rowCount: r.affectedRows ?? r.rows.length, rows: r.rows };
    },
    release() {},
  };
  const pool = {
    connect() {
      let release!: () => void;
      const held = new Promise<void>((r) => {
        release = r;
      });
      const ready = tail.then(() => ({ ...client, release }));
      tail = tail.then(() => held);
      return ready;
    },
    async end() {
      await tail;
    },
  };
  // biome-ignore lint/suspicious/noExplicitAny: the dialect types the pool as pg's Pool; this is the part it uses.
  return new PostgresDialect({ pool: pool as any });
}
