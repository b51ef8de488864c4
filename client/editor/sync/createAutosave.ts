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
import { nextTrackId } from "../commands/createCuboid";
import { diffToSnapshot } from "../commands/loadSnapshot";
import type { Editor } from "../createEditor";
import type { SaveStatus } from "../EditorState";
import type { FieldConflict } from "./FieldConflict";
import type { Outbox } from "./Outbox";
import { rebasePending, reidCollidingTracks } from "./rebasePending";
import { type RemoteBatch, remoteChanges } from "./remoteChanges";

const DEFAULT_RETRY_DELAYS_MS = [1000, 2000, 4000, 8000] as const;
const LAST_RETRY_DELAY_MS = 8000;

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
  /**
   * Someone else's accepted batch (from the live stream, in revision order): shown at once, not
   * undoable, our unsaved edits rebased onto it; a same-field clash becomes a FieldConflict.
   */
  receive(batch: RemoteBatch): void;
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
  const retryDelays = opts.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS;
  /** The wait before retry number `n` (1-based); the last delay repeats (an empty list: the default's last). */
  const retryDelay = (n: number): number =>
    retryDelays[Math.min(n - 1, retryDelays.length - 1)] ?? LAST_RETRY_DELAY_MS;
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
  /** Batches this tab sent: the live stream echoes them, and they are already on screen. */
  const ownBatchIds = new Set<string>();

  const addChoices = (choices: FieldConflict[]) => {
    if (choices.length === 0) return;
    editor.store.update((s) => {
      const keys = new Set(s.conflicts.map((c) => c.key));
      return { conflicts: [...s.conflicts, ...choices.filter((c) => !keys.has(c.key))] };
    });
  };

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
    const rebased = rebasePending(all(), current, () => nextTrackId(editor));
    inflight = null;
    addChoices(rebased.choices);
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
      if (ownBatchIds.size > 1000) ownBatchIds.clear();
      ownBatchIds.add(inflight.batchId);
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
      schedule(retryDelay(failures));
      return;
    }
    if (res.status === 409) {
      failures = 0;
      const conflict = batchConflictSchema.safeParse(await res.json().catch(() => null));
      if (!conflict.success) {
        setSave("error", t("save.unreadableConflict", { url }));
        schedule(retryDelay(retryDelays.length));
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
      schedule(retryDelay(failures));
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
      const rebased = rebasePending(restored, loaded, () => nextTrackId(editor));
      addChoices(rebased.choices);
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
    receive(batch) {
      if (ownBatchIds.has(batch.batchId)) {
        if (!inflight && batch.revision > revision) revision = batch.revision;
        return;
      }
      const changes = remoteChanges(batch);
      // A track we created under an id they just created too: ours (and all our boxes on it) moves first.
      const notes: string[] = [];
      const theirTracks = new Map([...changes.tracks].flatMap(([id, t]) => (t ? [[id, t] as const] : [])));
      const reided = reidCollidingTracks(unsaved, theirTracks, () => nextTrackId(editor), notes);
      const movedIds =
        reided === unsaved ? [] : Object.keys(reided.cuboids).concat(Object.keys(reided.tracks));
      unsaved = reided;
      if (notes.length > 0) conflictNote = `Conflict resolved: ${notes.join("; ")}`;
      // Our edits to what they touched, rebased onto their version; edits in flight are left to the 409.
      const touched: AnnotationDiff = { cuboids: {}, tracks: {} };
      for (const id of changes.cuboids.keys()) {
        const mine = unsaved.cuboids[id];
        if (mine) touched.cuboids[id] = mine;
      }
      for (const id of changes.tracks.keys()) {
        const mine = unsaved.tracks[id];
        if (mine) touched.tracks[id] = mine;
      }
      const current = {
        cuboids: [...changes.cuboids.values()].flatMap((c) => (c ? [c] : [])),
        tracks: [...changes.tracks.values()].flatMap((t) => (t ? [t] : [])),
      };
      const rebased = rebasePending(touched, current, () => nextTrackId(editor));
      for (const c of rebased.choices) c.by = batch.author;
      const next: AnnotationDiff = { cuboids: { ...unsaved.cuboids }, tracks: { ...unsaved.tracks } };
      for (const id of Object.keys(touched.cuboids)) delete next.cuboids[id];
      for (const id of Object.keys(touched.tracks)) delete next.tracks[id];
      unsaved = mergeDiffs(next, rebased.pending);
      // On screen: theirs, with our rebased edits on top (what is in flight stays as we see it).
      const shown = editor.store.get();
      const view: AnnotationDiff = { cuboids: {}, tracks: {} };
      const inFlight = inflight?.diff ?? emptyDiff();
      for (const [id, theirs] of changes.cuboids) {
        if (inFlight.cuboids[id] && !unsaved.cuboids[id]) continue;
        const mine = unsaved.cuboids[id];
        const after = mine ? mine.after : theirs; // mine.after null: we deleted it
        view.cuboids[id] = { before: shown.cuboids.get(id) ?? null, after };
      }
      for (const [id, theirs] of changes.tracks) {
        if (inFlight.tracks[id] && !unsaved.tracks[id]) continue;
        const mine = unsaved.tracks[id];
        const after = mine ? mine.after : theirs;
        view.tracks[id] = { before: shown.tracks.get(id) ?? null, after };
      }
      for (const [id, c] of Object.entries(rebased.pending.cuboids))
        if (!view.cuboids[id]) view.cuboids[id] = { before: shown.cuboids.get(id) ?? null, after: c.after };
      for (const [id, t] of Object.entries(rebased.pending.tracks))
        if (!view.tracks[id]) view.tracks[id] = { before: shown.tracks.get(id) ?? null, after: t.after };
      for (const id of movedIds) {
        const c = unsaved.cuboids[id];
        if (c && !view.cuboids[id])
          view.cuboids[id] = { before: shown.cuboids.get(id) ?? null, after: c.after };
        const t = unsaved.tracks[id];
        if (t && !view.tracks[id]) view.tracks[id] = { before: shown.tracks.get(id) ?? null, after: t.after };
      }
      applyDiff(editor, view, "remote");
      addChoices(rebased.choices);
      if (notes.length > 0) setSave(inflight ? "saving" : "unsaved");
      if (!inflight && batch.revision === revision + 1) revision = batch.revision;
      persist();
      if (!isEmptyDiff(unsaved)) schedule(debounceMs);
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
