// PGlite in a worker thread (plain .mjs: Node 20 workers cannot load .ts through tsx).
// PGlite runs PostgreSQL as WebAssembly, synchronously, file I/O included: on the server's own
// thread every commit stalls every other request (blob downloads waited seconds behind 50 writers).
// Protocol: { id, sql, params } → { id, rows, affectedRows } | { id, error }; { id, close: true } → { id, closed };
// { id, exec: sql } → { id, results: [{ rows, affectedRows }] } (several statements, no parameters);
// { id, stats: true } → { id, fsyncs } (how many fsyncs PostgreSQL's files got: the durability test reads it).
import { fsyncSync } from "node:fs";
import { parentPort, workerData } from "node:worker_threads";
import { PGlite } from "@electric-sql/pglite";

// "Acknowledged" must mean "on stable storage". PGlite starts PostgreSQL with -F (fsync off), and
// Emscripten's NODEFS has no fsync at all, so 100 acknowledged batches issued not one fsync and a
// power loss could drop them. Here PostgreSQL runs with fsync on and its fsync reaches the disk:
// the WAL is synced at every commit, data files at checkpoints, as on a real server.
// Emscripten's fdatasync syscall is a no-op too, so the WAL is synced with fsync.
const startParams = [
  ...PGlite.defaultStartParams.filter((p) => p !== "-F"),
  ...["-c", "wal_sync_method=fsync"],
];
const PGDATA = "/pglite/data";
let fsyncs = 0;

function makeFsyncReal(pglite) {
  const FS = pglite.Module.FS;
  const ops = FS.lookupPath(`${PGDATA}/PG_VERSION`).node.stream_ops;
  if (!ops || typeof ops.write !== "function") throw new Error("PGlite's file system layer is not NODEFS");
  ops.fsync = (stream) => {
    if (stream.nfd === undefined) return 0;
    fsyncSync(stream.nfd);
    fsyncs++;
    return 0;
  };
}

let db;
try {
  db = await PGlite.create(workerData.dataDir, { startParams });
  makeFsyncReal(db);
  // Everything written before the patch (a new data directory's initdb) reaches the disk now.
  await db.query("checkpoint");
  parentPort.postMessage({ ready: true });
} catch (e) {
  parentPort.postMessage({ ready: false, error: { message: String(e?.message ?? e) } });
}

parentPort.on("message", async (m) => {
  if (m.close) {
    await db?.close();
    parentPort.postMessage({ id: m.id, closed: true });
    return;
  }
  if (m.stats) {
    parentPort.postMessage({ id: m.id, fsyncs });
    return;
  }
  try {
    if (m.exec !== undefined) {
      const results = await db.exec(m.exec);
      parentPort.postMessage({
        id: m.id,
        results: results.map((r) => ({ rows: r.rows, affectedRows: r.affectedRows })),
      });
      return;
    }
    const r = await db.query(m.sql, m.params);
    parentPort.postMessage({ id: m.id, rows: r.rows, affectedRows: r.affectedRows });
  } catch (e) {
    parentPort.postMessage({
      id: m.id,
      error: { message: String(e?.message ?? e), code: e?.code, detail: e?.detail },
    });
  }
});
