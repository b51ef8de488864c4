import { Worker } from "node:worker_threads";
import type { PgliteQueryable } from "./createPgliteDialect";

/** A PGlite running in a worker thread; query() has PGlite's shape, close() ends the thread. */
export interface PgliteWorker extends PgliteQueryable {
  close(): Promise<void>;
  /** How many fsyncs PostgreSQL's files got so far (each commit syncs the WAL once). */
  fsyncs(): Promise<number>;
  /** How many statements the worker parsed and prepared so far (each text once; see pgliteWorker.mjs). */
  parses(): Promise<number>;
}

interface Reply {
  id?: number;
  ready?: boolean;
  rows?: Record<string, unknown>[];
  affectedRows?: number;
  closed?: boolean;
  fsyncs?: number;
  parses?: number;
  results?: Array<{ rows: Record<string, unknown>[]; affectedRows?: number }>;
  error?: { message: string; code?: string; detail?: string };
}

/** An Error carrying PostgreSQL's SQLSTATE `code` (e.g. "23505"), as node-postgres and PGlite give it. */
const dbError = (e: NonNullable<Reply["error"]>) =>
  Object.assign(new Error(e.message), { code: e.code, detail: e.detail });

/** Starts the worker and opens (creating if needed) the PGlite data directory in it. */
export async function startPgliteWorker(dataDir: string): Promise<PgliteWorker> {
  const worker = new Worker(new URL("./pgliteWorker.mjs", import.meta.url), { workerData: { dataDir } });
  const pending = new Map<number, { resolve: (r: Reply) => void; reject: (e: Error) => void }>();
  let nextId = 1;
  let failure: Error | null = null;
  const failAll = (e: Error) => {
    failure = e;
    for (const p of pending.values()) p.reject(e);
    pending.clear();
  };
  await new Promise<void>((resolve, reject) => {
    worker.once("message", (m: Reply) =>
      m.ready ? resolve() : reject(new Error(m.error?.message ?? "PGlite did not start")),
    );
    worker.once("error", reject);
  });
  worker.on("message", (m: Reply) => {
    if (m.id === undefined) return;
    const p = pending.get(m.id);
    if (!p) return;
    pending.delete(m.id);
    if (m.error) p.reject(dbError(m.error));
    else p.resolve(m);
  });
  worker.on("error", (e) => failAll(new Error(`the embedded database thread failed: ${e.message}`)));
  worker.on("exit", (code) => failAll(new Error(`the embedded database thread exited (${code})`)));
  const call = (msg: Record<string, unknown>) =>
    new Promise<Reply>((resolve, reject) => {
      if (failure) return reject(failure);
      const id = nextId++;
      pending.set(id, { resolve, reject });
      worker.postMessage({ ...msg, id });
    });
  return {
    async query<T>(sql: string, params?: unknown[]) {
      const r = await call({ sql, params: params ?? [] });
      return { rows: r.rows as T[], affectedRows: r.affectedRows };
    },
    async queryAfterBegin<T>(sql: string, params?: unknown[]) {
      const r = await call({ sql, params: params ?? [], begin: true });
      return { rows: r.rows as T[], affectedRows: r.affectedRows };
    },
    async exec(sql: string) {
      return (await call({ exec: sql })).results ?? [];
    },
    async fsyncs() {
      return (await call({ stats: true })).fsyncs ?? 0;
    },
    async parses() {
      return (await call({ stats: true })).parses ?? 0;
    },
    async close() {
      if (!failure) await call({ close: true });
      await worker.terminate();
    },
  };
}
