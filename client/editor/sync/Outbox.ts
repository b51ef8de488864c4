import type { AnnotationDiff } from "../AnnotationDiff";

/** Unsaved edits of one sequence, kept in the browser until the server acknowledges them. */
export interface OutboxRecord {
  sequenceId: string;
  /** The server revision the edits are based on. */
  baseRevision: number;
  /** Unacknowledged changes; `before` is the server's state each edit started from. */
  pending: AnnotationDiff;
}

export interface Outbox {
  load(sequenceId: string): Promise<OutboxRecord | null>;
  save(record: OutboxRecord): Promise<void>;
  clear(sequenceId: string): Promise<void>;
}

/** An in-memory outbox (tests; browsers without IndexedDB). */
export function createMemoryOutbox(): Outbox & { records: Map<string, OutboxRecord> } {
  const records = new Map<string, OutboxRecord>();
  return {
    records,
    load: async (id) => structuredClone(records.get(id) ?? null),
    save: async (r) => {
      records.set(r.sequenceId, structuredClone(r));
    },
    clear: async (id) => {
      records.delete(id);
    },
  };
}
