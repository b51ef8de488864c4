// PGlite in a worker thread (plain .mjs: Node 20 workers cannot load .ts through tsx).
// PGlite runs PostgreSQL as WebAssembly, synchronously, file I/O included: on the server's own
// thread every commit stalls every other request (blob downloads waited seconds behind 50 writers).
// Protocol: { id, sql, params } → { id, rows, affectedRows } | { id, error }; { id, close: true } → { id, closed }.
import { parentPort, workerData } from "node:worker_threads";
import { PGlite } from "@electric-sql/pglite";

let db;
try {
  db = await PGlite.create(workerData.dataDir);
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
  try {
    const r = await db.query(m.sql, m.params);
    parentPort.postMessage({ id: m.id, rows: r.rows, affectedRows: r.affectedRows });
  } catch (e) {
    parentPort.postMessage({
      id: m.id,
      error: { message: String(e?.message ?? e), code: e?.code, detail: e?.detail },
    });
  }
});
