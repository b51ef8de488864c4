import { apiErrorMessage, errorReply } from "../../i18n/errorMessage";
import { t } from "../../i18n/i18n";
import {
  type AnnotationBatch,
  type AnnotationSnapshot,
  batchAcceptedSchema,
  batchConflictSchema,
} from "../../../core/api/annotationBatch";
import {
  type AnnotationDiff,
  emptyDiff,
  isEmptyDiff,
  mergeDiffs,
  operationsFromDiff,
} from "../AnnotationDiff";
import { applyDiff } from "../applyDiff";
import { diffToSnapshot } from "../commands/loadSnapshot";
import type { Editor } from "../createEditor";
import type { SaveStatus } from "../EditorState";
import type { Outbox } from "./Outbox";
import { rebasePending } from "./rebasePending";

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

export interface AutosaveOptions {
  editor: Editor;
  sequenceId: string;
  /** Revision of the snapshot the editor was loaded from. */
  baseRevision: number;
  outbox: Outbox;
  fetch?: FetchLike;
  /** Edits within this window go out as one batch. */
  debounceMs?: number;
  /** Delays between retries while the server is unreachable; the last repeats. */
  retryDelaysMs?: readonly number[];
}

export interface Autosave {
  /** Sends what is unsaved now (no-op while a batch is in flight or nothing is unsaved). */
  flush(): Promise<void>;
  /** Restores edits an earlier session left in the outbox, rebased onto the loaded snapshot, then sends them. */
  restore(loaded: AnnotationSnapshot): Promise<void>;
  /** Sends now what is waiting for a timer, and resolves when that send and the outbox writes are done. */
  idle(): Promise<void>;
  readonly revision: number;
  /** Clears the shown conflict/restore note (the annotator has read it). */
  dismissMessage(): void;
  dispose(): void;
}

/**
 * Autosave through the server's operation log (POST …/annotations/batches). Local edits (user and
 * undo/redo) are merged into one unsaved diff, mirrored to the outbox (IndexedDB) on every change,
 * and sent as a batch after `debounceMs`. An unreachable server keeps the batch and retries it with
 * the same batchId (idempotent on the server). A 409 rebases the unsaved edits onto the server's
 * current state (rebasePending) — applied as a remote change, not undoable — and sends again.
 */
export function createAutosave(opts: AutosaveOptions): Autosave {
  const { editor, sequenceId, outbox } = opts;
  const fetchFn: FetchLike = opts.fetch ?? ((u, i) => fetch(u, i));
  const debounceMs = opts.debounceMs ?? 600;
  const retryDelays = opts.retryDelaysMs ?? [1000, 2000, 4000, 8000];
  const url = `/api/sequences/${encodeURIComponent(sequenceId)}/annotations/batches`;
  const key = `${sequenceId}:${editor.newId()}`;

  let revision = opts.baseRevision;
  let unsaved: AnnotationDiff = emptyDiff();
  let inflight: { batchId: string; diff: AnnotationDiff; baseRevision: number } | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let failures = 0;
  let disposed = false;
  let sending: Promise<void> | null = null;
  let writes: Promise<void> = Promise.resolve();
  let conflictNote: string | null = null;

  const all = () => (inflight ? mergeDiffs(inflight.diff, unsaved) : unsaved);
  const pendingOps = () => operationsFromDiff(all()).length;

  const setSave = (status: SaveStatus, message: string | null = conflictNote) =>
    editor.store.update({ save: { status, pendingOps: pendingOps(), message } });

  // Serialised so an older snapshot never overwrites a newer one.
  const persist = () => {
    const pending = all();
    const record = { key, sequenceId, baseRevision: revision, pending };
    writes = writes
      .then(() => (isEmptyDiff(pending) ? outbox.clear(key) : outbox.save(record)))
      .catch((e: Error) => {
        editor.store.update((s) => ({
          save: { ...s.save, message: t("save.outboxFailed", { detail: e.message }) },
        }));
      });
  };

  const schedule = (ms: number) => {
    if (disposed) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      void flush();
    }, ms);
  };

  const unsubscribe = editor.onLocalChange((diff) => {
    unsaved = mergeDiffs(unsaved, diff);
    persist();
    if (!inflight) setSave(isEmptyDiff(all()) ? "saved" : "unsaved");
    else editor.store.update((s) => ({ save: { ...s.save, pendingOps: pendingOps() } }));
    schedule(debounceMs);
  });

  const resolveConflict = (current: AnnotationSnapshot) => {
    const rebased = rebasePending(all(), current);
    inflight = null;
    unsaved = rebased.pending;
    revision = current.revision;
    applyDiff(editor, diffToSnapshot(editor, rebased.target), "remote");
    conflictNote =
      rebased.conflicts.length > 0
        ? t("save.conflictResolved", { conflicts: rebased.conflicts.join("; ") })
        : conflictNote;
    persist();
  };

  async function send(): Promise<void> {
    if (!inflight) {
      if (isEmptyDiff(unsaved)) return;
      inflight = { batchId: editor.newId(), diff: unsaved, baseRevision: revision };
      unsaved = emptyDiff();
      persist();
    }
    const batch: AnnotationBatch = {
      batchId: inflight.batchId,
      baseRevision: inflight.baseRevision,
      operations: operationsFromDiff(inflight.diff),
    };
    setSave("saving");
    let res: Response;
    try {
      res = await fetchFn(url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(batch),
      });
    } catch (e) {
      failures++;
      setSave("offline", t("save.unreachable", { detail: (e as Error).message, count: pendingOps() }));
      schedule(retryDelays[Math.min(failures - 1, retryDelays.length - 1)]!);
      return;
    }
    if (res.status === 409) {
      failures = 0;
      const conflict = batchConflictSchema.safeParse(await res.json().catch(() => null));
      if (!conflict.success) {
        setSave("error", t("save.unreadableConflict", { url }));
        schedule(retryDelays[retryDelays.length - 1]!);
        return;
      }
      resolveConflict(conflict.data.current);
      setSave("conflict");
      schedule(0);
      return;
    }
    if (!res.ok) {
      failures++;
      const reply = errorReply(await res.text().catch(() => ""));
      const status = res.status >= 500 ? "offline" : "error";
      setSave(status, t("save.failed", { detail: apiErrorMessage(res.status, reply.code, reply.message) }));
      schedule(retryDelays[Math.min(failures - 1, retryDelays.length - 1)]!);
      return;
    }
    const ack = batchAcceptedSchema.safeParse(await res.json().catch(() => null));
    failures = 0;
    revision = ack.success ? ack.data.revision : revision;
    inflight = null;
    persist();
    if (isEmptyDiff(unsaved)) setSave("saved");
    else {
      setSave("unsaved");
      schedule(debounceMs);
    }
  }

  async function flush(): Promise<void> {
    if (disposed) return;
    if (sending) return sending;
    sending = send().finally(() => {
      sending = null;
    });
    return sending;
  }

  return {
    flush,
    async restore(loaded) {
      // Records of closed tabs (or crashed sessions) are adopted: their edits become this tab's.
      const records = (await outbox.load(sequenceId).catch(() => [])).filter((r) => r.key !== key);
      if (records.length === 0) return;
      const restored = records.map((r) => r.pending).reduce(mergeDiffs, emptyDiff());
      if (isEmptyDiff(restored)) return;
      const rebased = rebasePending(restored, loaded);
      // Edits made while the outbox was being read stay (they came after the restored ones).
      unsaved = mergeDiffs(rebased.pending, unsaved);
      revision = loaded.revision;
      applyDiff(editor, diffToSnapshot(editor, rebased.target), "remote");
      if (rebased.conflicts.length > 0)
        conflictNote = t("save.restoredMerged", { conflicts: rebased.conflicts.join("; ") });
      persist();
      writes = writes.then(() => Promise.all(records.map((r) => outbox.clear(r.key)))).then(() => {});
      setSave(isEmptyDiff(unsaved) ? "saved" : "unsaved");
      await flush();
    },
    async idle() {
      // Sends what a pending debounce or retry would send, now, then waits for the outbox writes.
      await sending;
      if (timer) {
        clearTimeout(timer);
        timer = null;
        await flush();
      }
      await sending;
      await writes;
    },
    get revision() {
      return revision;
    },
    dismissMessage() {
      conflictNote = null;
      editor.store.update((s) => ({ save: { ...s.save, message: null } }));
    },
    dispose() {
      disposed = true;
      if (timer) clearTimeout(timer);
      unsubscribe();
    },
  };
}
