// PGlite in a worker thread (plain .mjs: Node 20 workers cannot load .ts through tsx).
// PGlite runs PostgreSQL as WebAssembly, synchronously, file I/O included: on the server's own
// thread every commit stalls every other request (blob downloads waited seconds behind 50 writers).
// Protocol: { id, sql, params } → { id, rows, affectedRows } | { id, error }; { id, close: true } → { id, closed };
// { id, exec: sql } → { id, results: [{ rows, affectedRows }] } (several statements, no parameters);
// { id, stats: true } → { id, fsyncs, parses } (how many fsyncs PostgreSQL's files got: the durability
// test reads it; how many statements were parsed and prepared).
import { fsyncSync } from "node:fs";
import { parentPort, workerData } from "node:worker_threads";
import { PGlite, parse, protocol } from "@electric-sql/pglite";

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

// Prepared statements. PGlite's query() parses, analyses and plans its text on every call, in six
// protocol round trips into WebAssembly; a save's statements are the same text every time, so each
// text is parsed once into a named statement and then only bound and executed, in one protocol
// message. A save's writes statement went from ~3.5 to ~1.5 ms, a trivial one from 1.5 to 0.25 ms.
// Schema changes (a migration) deallocate them all: a prepared `select *` must not outlive its table.
const MAX_STATEMENTS = 500;
const DDL = /^\s*(create|alter|drop|truncate|comment|grant|revoke)\b/i;
/** SQL text → its prepared statement's name and parameter types, least recently used first. */
const statements = new Map();
let nextStatement = 1;
let parses = 0;
const { serialize } = protocol;
const concat = (parts) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};

async function preparedQuery(text, params) {
  return db.runExclusive(async () => {
    let statement = statements.get(text);
    if (statement) statements.delete(text);
    else {
      const name = `cuboidal_${nextStatement++}`;
      const { messages } = await db.execProtocol(
        concat([
          serialize.parse({ name, text, types: [] }),
          serialize.describe({ type: "S", name }),
          serialize.sync(),
        ]),
      );
      parses++;
      const types = messages.find((m) => m.name === "parameterDescription")?.dataTypeIDs ?? [];
      statement = { name, types };
      if (statements.size >= MAX_STATEMENTS) {
        const [oldest, old] = statements.entries().next().value;
        statements.delete(oldest);
        await db.execProtocol(concat([serialize.close({ type: "S", name: old.name }), serialize.sync()]));
      }
    }
    statements.set(text, statement);
    // As PGlite's query() serialises parameters: by the type the statement declares.
    const values = params.map((v, i) => {
      if (v === null || v === undefined) return null;
      const serializer = db.serializers[statement.types[i]];
      return serializer ? serializer(v) : v.toString();
    });
    const { messages } = await db.execProtocol(
      concat([
        serialize.bind({ statement: statement.name, values }),
        serialize.describe({ type: "P" }),
        serialize.execute({}),
        serialize.sync(),
      ]),
    );
    return parse.parseResults(messages, db.parsers)[0];
  });
}

async function query(text, params) {
  if (!DDL.test(text)) return preparedQuery(text, params);
  const r = await db.query(text, params);
  if (statements.size > 0) {
    statements.clear();
    await db.exec("deallocate all");
  }
  return r;
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
    parentPort.postMessage({ id: m.id, fsyncs, parses });
    return;
  }
  try {
    if (m.exec !== undefined) {
      const results = await db.exec(m.exec);
      if (statements.size > 0 && /\b(create|alter|drop)\b/i.test(m.exec)) {
        statements.clear();
        await db.exec("deallocate all");
      }
      parentPort.postMessage({
        id: m.id,
        results: results.map((r) => ({ rows: r.rows, affectedRows: r.affectedRows })),
      });
      return;
    }
    if (m.begin) await query("begin", []);
    const r = await query(m.sql, m.params);
    parentPort.postMessage({ id: m.id, rows: r.rows, affectedRows: r.affectedRows });
  } catch (e) {
    parentPort.postMessage({
      id: m.id,
      error: { message: String(e?.message ?? e), code: e?.code, detail: e?.detail },
    });
  }
});
