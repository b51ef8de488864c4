import type { AnnotationDiff } from "../AnnotationDiff";

/**
 * Unsaved edits of one sequence in one tab, kept in the browser until the server acknowledges them.
 * Keyed per tab so two tabs on one sequence never overwrite each other's record.
 */
export interface OutboxRecord {
  /** `${sequenceId}:${tabId}` */
  key: string;
  sequenceId: string;
  /** The server revision the edits are based on. */
  baseRevision: number;
  /** Unacknowledged changes; `before` is the server's state each edit started from. */
  pending: AnnotationDiff;
}

export interface Outbox {
  /** Every record of the sequence, from any tab. */
  load(sequenceId: string): Promise<OutboxRecord[]>;
  save(record: OutboxRecord): Promise<void>;
  clear(key: string): Promise<void>;
}

/** An in-memory outbox (tests; browsers without IndexedDB). */
export function createMemoryOutbox(): Outbox & { records: Map<string, OutboxRecord> } {
  const records = new Map<string, OutboxRecord>();
  return {
    records,
    load: async (id) => structuredClone([...records.values()].filter((r) => r.sequenceId === id)),
    save: async (r) => {
      records.set(r.key, structuredClone(r));
    },
    clear: async (key) => {
      records.delete(key);
    },
  };
}
