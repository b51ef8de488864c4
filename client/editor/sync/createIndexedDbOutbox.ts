import type { Outbox, OutboxRecord } from "./Outbox";

const DB_NAME = "cuboidal";
const STORE = "outbox";

function request<T>(r: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error ?? new Error("IndexedDB request failed"));
  });
}

/** The browser outbox: one IndexedDB record per sequence, keyed by sequence id. */
export function createIndexedDbOutbox(factory: IDBFactory = indexedDB): Outbox {
  let db: Promise<IDBDatabase> | null = null;
  const open = () =>
    (db ??= new Promise<IDBDatabase>((resolve, reject) => {
      const r = factory.open(DB_NAME, 1);
      r.onupgradeneeded = () => r.result.createObjectStore(STORE, { keyPath: "sequenceId" });
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error ?? new Error(`IndexedDB ${DB_NAME} could not be opened`));
    }));
  const tx = async (mode: IDBTransactionMode) => (await open()).transaction(STORE, mode).objectStore(STORE);
  return {
    load: async (id) => ((await request((await tx("readonly")).get(id))) as OutboxRecord | undefined) ?? null,
    save: async (record) => {
      await request((await tx("readwrite")).put(record));
    },
    clear: async (id) => {
      await request((await tx("readwrite")).delete(id));
    },
  };
}
