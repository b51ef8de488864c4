import { PostgresDialect } from "kysely";

/** What the dialect needs of PGlite: a PGlite itself, or one in a worker thread (startPgliteWorker). */
export interface PgliteQueryable {
  query<T>(sql: string, params?: unknown[]): Promise<{ rows: T[]; affectedRows?: number }>;
  /** Several statements without parameters (PGlite's exec): the job queue's schema and locked updates. */
  exec?(sql: string): Promise<Array<{ rows: Record<string, unknown>[]; affectedRows?: number }>>;
}

/** Raw SQL as node-postgres' `pool.query` answers it; what pg-boss takes as its `db`. */
export type ExecuteSql = (
  text: string,
  values?: unknown[],
) => Promise<{ rows: Record<string, unknown>[]; rowCount: number }>;

/**
 * Kysely's Postgres dialect over PGlite. PGlite is one connection, so this pool hands it to one
 * holder at a time: a Kysely transaction holds it from BEGIN to COMMIT and every other query waits
 * its turn, which gives the same isolation a real pool of connections would.
 */
export function createPgliteDialect(pglite: PgliteQueryable): PostgresDialect {
  return createPgliteSession(pglite).dialect;
}

/**
 * The dialect and a raw `executeSql` that take the same turns on the one PGlite connection, so the
 * job queue's statements never land inside a Kysely transaction (nor the reverse). Text without
 * values may hold several statements (pg-boss sends `BEGIN; …; COMMIT;`): it goes to PGlite's exec,
 * and a failure there rolls the connection back so the next holder does not inherit an aborted
 * transaction.
 */
export function createPgliteSession(pglite: PgliteQueryable): {
  dialect: PostgresDialect;
  executeSql: ExecuteSql;
} {
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
  const executeSql: ExecuteSql = async (text, values) => {
    const held = await pool.connect();
    try {
      if ((values === undefined || values.length === 0) && pglite.exec && text.includes(";")) {
        try {
          const results = await pglite.exec(text);
          const last = results.at(-1);
          return { rows: last?.rows ?? [], rowCount: last?.affectedRows ?? last?.rows.length ?? 0 };
        } catch (e) {
          await pglite.query("rollback").catch(() => {});
          throw e;
        }
      }
      const r = await held.query(text, values ?? []);
      return { rows: r.rows, rowCount: r.rowCount };
    } finally {
      held.release();
    }
  };
  // biome-ignore lint/suspicious/noExplicitAny: the dialect types the pool as pg's Pool; this is the part it uses.
  return { dialect: new PostgresDialect({ pool: pool as any }), executeSql };
}
