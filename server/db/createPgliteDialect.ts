import { PostgresDialect } from "kysely";

/** What the dialect needs of PGlite: a PGlite itself, or one in a worker thread (startPgliteWorker). */
export interface PgliteQueryable {
  query<T>(sql: string, params?: unknown[]): Promise<{ rows: T[]; affectedRows?: number }>;
  /** Several statements without parameters (PGlite's exec): the job queue's schema and locked updates. */
  exec?(sql: string): Promise<Array<{ rows: Record<string, unknown>[]; affectedRows?: number }>>;
  /**
   * `begin`, then the statement, in one call: the worker thread's round trip a transaction's begin
   * would cost on its own (startPgliteWorker).
   */
  queryAfterBegin?<T>(sql: string, params?: unknown[]): Promise<{ rows: T[]; affectedRows?: number }>;
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
  const answer = (sqlText: string, r: { rows: Record<string, unknown>[]; affectedRows?: number }) => ({
    command: /^\s*(\w+)/.exec(sqlText)?.[1]?.toUpperCase() ?? "",
    rowCount: r.affectedRows ?? r.rows.length,
    rows: r.rows,
  });
  const client = {
    async query(sqlText: string, params: readonly unknown[]) {
      return answer(sqlText, await pglite.query<Record<string, unknown>>(sqlText, params as unknown[]));
    },
    release() {},
  };
  /**
   * A holder's connection as Kysely uses it: a transaction's `begin` waits to go with the statement
   * after it (queryAfterBegin), one trip to the worker thread less per transaction (an annotator's
   * save was four: begin, lock, writes, commit). Nothing runs between them on the one connection,
   * and a `begin` never sent (released first) left no transaction open.
   */
  const transactional = (release: () => void) => {
    let beginPending = false;
    return {
      async query(sqlText: string, params: readonly unknown[]) {
        if (pglite.queryAfterBegin && params.length === 0 && /^\s*begin\s*;?\s*$/i.test(sqlText)) {
          beginPending = true;
          return { command: "BEGIN", rowCount: 0, rows: [] };
        }
        if (!beginPending || !pglite.queryAfterBegin) return client.query(sqlText, params);
        beginPending = false;
        return answer(
          sqlText,
          await pglite.queryAfterBegin<Record<string, unknown>>(sqlText, params as unknown[]),
        );
      },
      release,
    };
  };
  const pool = {
    connect() {
      let release!: () => void;
      const held = new Promise<void>((r) => {
        release = r;
      });
      const ready = tail.then(() => transactional(release));
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
      // Straight to PGlite: a begin sent here is the job queue's own, never deferred.
      const r = await client.query(text, values ?? []);
      return { rows: r.rows, rowCount: r.rowCount };
    } finally {
      held.release();
    }
  };
  // biome-ignore lint/suspicious/noExplicitAny: the dialect types the pool as pg's Pool; this is the part it uses.
  return { dialect: new PostgresDialect({ pool: pool as any }), executeSql };
}
