import { type Kysely, sql } from "kysely";
import pg from "pg";
import { ridesWithNext } from "../db/createPostgresSession";
import { createFanOut, type LiveEvent, type LiveHub } from "./LiveHub";

export const LIVE_CHANNEL = "cuboidal_live";
/** PostgreSQL refuses NOTIFY payloads of 8,000 bytes or more; presence lists are cut to fit. */
const MAX_PAYLOAD_BYTES = 7_000;
/** Waits before reconnect attempt 0, 1, …; every later attempt waits the longest. */
const RECONNECT_DELAYS_MS = [100, 500, 1000, 2000];
const LONGEST_RECONNECT_DELAY_MS = 5000;

/** A NOTIFY payload under PostgreSQL's limit. */
function payloadOf(event: Exclude<LiveEvent, { kind: "resync" }>): string {
  let payload = JSON.stringify(event);
  if (Buffer.byteLength(payload) > MAX_PAYLOAD_BYTES && event.kind === "presence")
    payload = JSON.stringify({
      ...event,
      entry: { ...event.entry, selectedIds: event.entry.selectedIds.slice(0, 20) },
    });
  // A big batch goes as a bare notice; the streams read its entry from the log.
  if (Buffer.byteLength(payload) > MAX_PAYLOAD_BYTES && event.kind === "batch")
    payload = JSON.stringify({ kind: "batch", sequenceId: event.sequenceId, revision: event.revision });
  return payload;
}

/**
 * Live events across server processes through PostgreSQL LISTEN/NOTIFY: one dedicated client
 * listens (a pooled connection cannot, it is handed to other queries between them); publishing is
 * a `pg_notify` through the store's pool. When the listening client drops (PostgreSQL restarted), it
 * reconnects with backoff and emits `resync`, so every stream rereads what it may have missed.
 */
export function createPostgresLiveHub(
  url: string,
  // biome-ignore lint/suspicious/noExplicitAny: any schema; only pg_notify is run on it.
  db: Kysely<any>,
  log: (line: string) => void = (l) => console.error(l),
): LiveHub & { ready: Promise<void> } {
  const fan = createFanOut();
  let closed = false;
  let client: pg.Client | null = null;
  let attempt = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let markReady!: () => void;
  const ready = new Promise<void>((r) => {
    markReady = r;
  });

  const connect = async () => {
    if (closed) return;
    const c = new pg.Client({ connectionString: url });
    // Errors of a connected client arrive here, not as a rejection: log and reconnect.
    c.on("error", (e) => {
      log(`live updates: listening connection failed (${e.message}); reconnecting`);
      drop(c);
    });
    c.on("end", () => drop(c));
    c.on("notification", (n) => {
      if (n.channel !== LIVE_CHANNEL || !n.payload) return;
      try {
        fan.emit(JSON.parse(n.payload) as LiveEvent);
      } catch (e) {
        log(`live updates: unreadable notification (${(e as Error).message})`);
      }
    });
    try {
      await c.connect();
      await c.query(`listen ${LIVE_CHANNEL}`);
    } catch (e) {
      log(`live updates: cannot listen on PostgreSQL (${(e as Error).message}); retrying`);
      drop(c);
      return;
    }
    if (closed) return void c.end().catch(() => {});
    const reconnected = attempt > 0;
    client = c;
    attempt = 0;
    markReady();
    if (reconnected) fan.emit({ kind: "resync" });
  };

  const drop = (c: pg.Client) => {
    c.removeAllListeners("notification");
    c.end().catch(() => {});
    if (client === c) client = null;
    if (closed || timer) return;
    const delay = RECONNECT_DELAYS_MS[attempt] ?? LONGEST_RECONNECT_DELAY_MS;
    attempt++;
    timer = setTimeout(() => {
      timer = null;
      void connect();
    }, delay);
  };

  void connect();
  return {
    ready,
    async publish(event) {
      await sql`select pg_notify(${LIVE_CHANNEL}, ${payloadOf(event)})`.execute(db);
    },
    async publishOnCommit(tx, event) {
      await ridesWithNext(sql`select pg_notify(${LIVE_CHANNEL}, ${payloadOf(event)})`).execute(tx);
    },
    subscribe: fan.subscribe,
    async close() {
      closed = true;
      if (timer) clearTimeout(timer);
      const c = client;
      client = null;
      await c?.end().catch(() => {});
    },
  };
}
