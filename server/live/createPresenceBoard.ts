import type { LiveHub, PresenceEntry } from "./LiveHub";

/** A workspace that has not said it is there for this long is gone (clients repeat every 10 s). */
export const PRESENCE_TTL_MS = 30_000;

/**
 * Who is in each sequence, as this process has heard it from the hub (its own clients' presence
 * comes back through the hub too, so every process sees the same board). `onChange` is told
 * which sequence's list changed.
 */
export function createPresenceBoard(hub: LiveHub, now: () => number = Date.now) {
  const bySequence = new Map<string, Map<string, { entry: PresenceEntry; seenAtMs: number }>>();
  const watchers = new Set<(sequenceId: string) => void>();
  const changed = (sequenceId: string) => {
    for (const w of watchers) w(sequenceId);
  };
  const unsubscribe = hub.subscribe((e) => {
    if (e.kind === "presence") {
      let m = bySequence.get(e.sequenceId);
      if (!m) bySequence.set(e.sequenceId, (m = new Map()));
      m.set(e.entry.clientId, { entry: e.entry, seenAtMs: now() });
      changed(e.sequenceId);
    } else if (e.kind === "leave") {
      if (bySequence.get(e.sequenceId)?.delete(e.clientId)) changed(e.sequenceId);
    }
  });
  return {
    list(sequenceId: string): PresenceEntry[] {
      const m = bySequence.get(sequenceId);
      if (!m) return [];
      const cutoff = now() - PRESENCE_TTL_MS;
      for (const [id, v] of m) if (v.seenAtMs < cutoff) m.delete(id);
      if (m.size === 0) bySequence.delete(sequenceId);
      return [...m.values()].map((v) => v.entry);
    },
    onChange(watcher: (sequenceId: string) => void): () => void {
      watchers.add(watcher);
      return () => {
        watchers.delete(watcher);
      };
    },
    dispose: unsubscribe,
  };
}

export type PresenceBoard = ReturnType<typeof createPresenceBoard>;
