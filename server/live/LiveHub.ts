import type { Kysely } from "kysely";
import type { HistoryEntry } from "../store/readHistory";

/** Someone's place in a sequence: shown to the others as "who is here, and on which box". */
export interface PresenceEntry {
  /** One per open workspace (a tab), so one user in two tabs shows twice. */
  clientId: string;
  username: string;
  selectedIds: string[];
  frameIndex: number | null;
}

/**
 * What crosses server processes (PostgreSQL NOTIFY payloads stay under its 8,000-byte limit): a
 * notice that a batch was accepted, with its log entry when that fits (else each live stream reads
 * the log since its client's revision), or a presence change.
 */
export type LiveEvent =
  | {
      kind: "batch";
      sequenceId: string;
      revision: number;
      /**
       * The batch's log entry, when the publisher has it and it fits a notice: streams send it as it
       * is instead of each reading the log (three queries per stream and batch before).
       */
      entry?: HistoryEntry;
    }
  | { kind: "presence"; sequenceId: string; entry: PresenceEntry }
  | { kind: "leave"; sequenceId: string; clientId: string }
  /**
   * A server dropped a cached credential (`key`), a user's credentials, or its authorization lookups:
   * every server drops the same (server/auth/shareAuthInvalidations.ts).
   */
  | { kind: "auth"; key?: string; userId?: string; lookups?: true }
  /** The feed may have missed events (PostgreSQL reconnected): every stream rereads its log. */
  | { kind: "resync" };

export interface LiveHub {
  publish(event: Exclude<LiveEvent, { kind: "resync" }>): Promise<void>;
  /**
   * Announces a batch with the transaction `tx` that writes it, where the hub can: PostgreSQL sends a
   * NOTIFY made inside a transaction at its commit, never for a rollback, and it rides with the
   * commit (no round trip or connection of its own; the notice was a third statement after the save).
   * Absent on an in-process hub: publish after the commit instead.
   */
  // biome-ignore lint/suspicious/noExplicitAny: any schema; only pg_notify is run on it.
  publishOnCommit?(tx: Kysely<any>, event: Extract<LiveEvent, { kind: "batch" }>): Promise<void>;
  /** Every event of every sequence (and resyncs); returns the unsubscribe. */
  subscribe(listener: (event: LiveEvent) => void): () => void;
  close(): Promise<void>;
}

/** Listeners of one process; the PostgreSQL hub feeds the same fan-out from its LISTEN client. */
export function createFanOut() {
  const listeners = new Set<(event: LiveEvent) => void>();
  return {
    emit(event: LiveEvent) {
      for (const l of listeners) {
        try {
          l(event);
        } catch (e) {
          console.error("live listener failed:", e);
        }
      }
    },
    subscribe(listener: (event: LiveEvent) => void) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
  };
}

/** One process (PGlite, tests): events go straight to this process's listeners. */
export function createMemoryLiveHub(): LiveHub {
  const fan = createFanOut();
  return {
    publish: async (event) => fan.emit(event),
    subscribe: fan.subscribe,
    close: async () => {},
  };
}
