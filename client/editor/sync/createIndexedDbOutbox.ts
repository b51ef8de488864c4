import type { Outbox, OutboxRecord } from "./Outbox";

const DB_NAME = "cuboidal";
const STORE = "outbox-v2";

function request<T>(r: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error ?? new Error("IndexedDB request failed"));
  });
}

/** The browser outbox: one IndexedDB record per sequence and tab, indexed by sequence id. */
export function createIndexedDbOutbox(factory: IDBFactory = indexedDB): Outbox {
  let db: Promise<IDBDatabase> | null = null;
  const open = () =>
    (db ??= new Promise<IDBDatabase>((resolve, reject) => {
      const r = factory.open(DB_NAME, 2);
      r.onupgradeneeded = () => {
        const store = r.result.createObjectStore(STORE, { keyPath: "key" });
        store.createIndex("sequenceId", "sequenceId");
      };
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error ?? new Error(`IndexedDB ${DB_NAME} could not be opened`));
    }));
  const tx = async (mode: IDBTransactionMode) => (await open()).transaction(STORE, mode).objectStore(STORE);
  return {
    load: async (id) =>
      (await request((await tx("readonly")).index("sequenceId").getAll(id))) as OutboxRecord[],
    save: async (record) => {
      await request((await tx("readwrite")).put(record));
    },
    clear: async (key) => {
      await request((await tx("readwrite")).delete(key));
    },
  };
}
