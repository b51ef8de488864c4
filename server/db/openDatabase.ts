import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Kysely, Migrator } from "kysely";
import pg from "pg";
import { createPostgresLiveHub } from "../live/createPostgresLiveHub";
import { createMemoryLiveHub, type LiveHub } from "../live/LiveHub";
import { acquireDirLock } from "./acquireDirLock";
import { createPostgresSession } from "./createPostgresSession";
import { createPgliteSession, type ExecuteSql, type PgliteQueryable } from "./createPgliteDialect";
import { MIGRATIONS } from "./migrations/index";
import type { Schema } from "./Schema";
import { withStartupLock } from "./withStartupLock";
import { type PgliteWorker, startPgliteWorker } from "./startPgliteWorker";

/** The store every server function takes: a migrated database and what it runs on. */
export interface Database {
  db: Kysely<Schema>;
  kind: "pglite" | "postgres";
  /** Live events of this store: in-process on PGlite, LISTEN/NOTIFY across processes on PostgreSQL. */
  live: LiveHub;
  /**
   * How the job queue (pg-boss) reaches this store: its own node-postgres pool on PostgreSQL, or
   * raw SQL taking turns with Kysely on PGlite's one connection.
   */
  queueConnection: { connectionString: string } | { executeSql: ExecuteSql };
  /** Runs `stop` (newest first) when the store closes, before the database does: the job queue's pollers. */
  onClose(stop: () => Promise<void>): void;
  close(): Promise<void>;
}

/** The onClose registry of a Database: `run()` stops everything registered, newest first, once each. */
export function closeHooks(): { add(stop: () => Promise<void>): void; run(): Promise<void> } {
  const stops: Array<() => Promise<void>> = [];
  return {
    add: (stop) => void stops.push(stop),
    async run() {
      for (const stop of stops.splice(0).reverse()) await stop();
    },
  };
}

export interface OpenDatabaseOptions {
  /** PGlite keeps its files in `<dataDir>/pglite`. */
  dataDir: string;
  /** When set, PostgreSQL at this URL instead of PGlite. */
  databaseUrl?: string;
  /** PostgreSQL: the most pooled connections (DATABASE_POOL_SIZE); DEFAULT_POOL_SIZE when absent. */
  poolSize?: number;
}

/**
 * Pooled PostgreSQL connections of one server, besides the job queue's 4 and the live listener
 * (DATABASE_POOL_SIZE overrides it). Each sequence being saved may hold two (one writing, one
 * queued at its row lock; see applyBatch). On an overloaded 2-core machine (load 6-9) a save waited
 * p99 319 ms for one of 10 connections, but 20 only moved that queue into PostgreSQL; on a quiet one,
 * back to back, 10 gave save p99 31.5 / 32.1 ms and 20 gave 94.3 / 47.7 ms under bench:server's 200
 * annotators (each new connection prepares its statements on first use: the first seconds' tail).
 */
export const DEFAULT_POOL_SIZE = 10;

/** A startup problem; the message is one line saying what is wrong and with what. */
export class DatabaseOpenError extends Error {
  override readonly name = "DatabaseOpenError";
}

/** Hides the password of a connection URL for messages. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return "<unparseable DATABASE_URL>";
  }
}

const reason = (e: unknown): string => {
  const err = e as { code?: string; message?: string };
  const msg = (err.message ?? String(e)).split("\n")[0];
  return err.code && !msg?.includes(err.code) ? `${err.code}: ${msg}` : (msg ?? "unknown error");
};

export async function migrate(db: Kysely<Schema>): Promise<void> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => MIGRATIONS } });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === "Error")?.migrationName ?? "?";
    throw new DatabaseOpenError(`database migration ${failed} failed: ${reason(error)}`);
  }
}

/** Wraps an open PGlite (tests clone a migrated one) or a PGlite worker as a Database; closing closes it. */
export function databaseFromPglite(
  pglite: PgliteQueryable & { close(): Promise<void> },
  onClose: () => void = () => {},
): Database {
  const session = createPgliteSession(pglite);
  const db = new Kysely<Schema>({ dialect: session.dialect });
  const live = createMemoryLiveHub();
  const hooks = closeHooks();
  return {
    db,
    kind: "pglite",
    live,
    queueConnection: { executeSql: session.executeSql },
    onClose: hooks.add,
    async close() {
      await hooks.run();
      await live.close();
      await db.destroy();
      await pglite.close();
      onClose();
    },
  };
}

/**
 * Opens and migrates the store: PostgreSQL when databaseUrl is set, else PGlite in
 * `<dataDir>/pglite`. An unreachable database or an unwritable data directory throws a
 * DatabaseOpenError whose message is one line.
 */
export async function openDatabase(options: OpenDatabaseOptions): Promise<Database> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl, options.poolSize ?? DEFAULT_POOL_SIZE);
  const dir = join(options.dataDir, "pglite");
  try {
    mkdirSync(dir, { recursive: true });
    const probe = join(options.dataDir, `.write-probe-${process.pid}`);
    writeFileSync(probe, "");
    rmSync(probe);
  } catch (e) {
    throw new DatabaseOpenError(`DATA_DIR ${options.dataDir} is not writable (${reason(e)})`);
  }
  let release: () => void;
  try {
    release = acquireDirLock(`${dir}.lock`, `the embedded database in DATA_DIR ${options.dataDir}`);
  } catch (e) {
    throw new DatabaseOpenError(reason(e));
  }
  let pglite: PgliteWorker;
  try {
    pglite = await startPgliteWorker(dir);
  } catch (e) {
    release();
    throw new DatabaseOpenError(`cannot open the embedded database in ${dir} (${reason(e)})`);
  }
  const database = databaseFromPglite(pglite, release);
  try {
    await migrate(database.db);
  } catch (e) {
    await database.close();
    throw e;
  }
  return database;
}

/** Logs an idle pooled connection's failure (one line, password hidden); the pool replaces the connection. */
export function onPoolError(
  e: Error,
  url: string,
  log: (line: string) => void = (l) => console.error(l),
): void {
  log(
    `PostgreSQL connection lost (${reason(e)}) at ${redactUrl(url)}; the pool reconnects on the next query`,
  );
}

async function openPostgres(url: string, poolSize: number): Promise<Database> {
  // Pipeline mode: createPostgresSession sends a transaction's begin and its riders without waiting.
  // Its statements are prepared by name; each execution is still planned for its own parameters, as
  // an unnamed statement was (a generic plan, PostgreSQL's choice after five runs, is blind to them).
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    connectionTimeoutMillis: 5000,
    pipeline: true,
    options: "-c plan_cache_mode=force_custom_plan",
  });
  // An idle client losing its server (PostgreSQL restarted) must not crash the process: without a
  // listener the pool's 'error' event is thrown and ends Node. The next query reports the outage.
  pool.on("error", (e) => onPoolError(e, url));
  // A client checked out when its server dies (`pg_ctl -m immediate stop`) emits 'error' too, with no
  // listener of the pool's: that would end the process. Its query fails and reports it instead.
  pool.on("connect", (client) => client.on("error", () => {}));
  try {
    await pool.query("select 1");
  } catch (e) {
    await pool.end().catch(() => {});
    throw new DatabaseOpenError(`cannot reach PostgreSQL at DATABASE_URL=${redactUrl(url)} (${reason(e)})`);
  }
  const db = new Kysely<Schema>({ dialect: createPostgresSession(pool) });
  const live = createPostgresLiveHub(url, db);
  const hooks = closeHooks();
  const database: Database = {
    db,
    kind: "postgres",
    live,
    queueConnection: { connectionString: url },
    onClose: hooks.add,
    async close() {
      await hooks.run();
      await live.close();
      await db.destroy();
    },
  };
  try {
    await withStartupLock(db, "postgres", () => migrate(db));
    // Without its listening connection a server would never hear other servers' edits.
    let timer: ReturnType<typeof setTimeout> | undefined;
    await Promise.race([
      live.ready,
      new Promise((_, reject) => {
        timer = setTimeout(
          () =>
            reject(
              new DatabaseOpenError(
                `cannot LISTEN on PostgreSQL at DATABASE_URL=${redactUrl(url)} within 10 s`,
              ),
            ),
          10_000,
        );
      }),
    ]).finally(() => clearTimeout(timer));
  } catch (e) {
    await database.close();
    throw e;
  }
  return database;
}
