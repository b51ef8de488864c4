import type { Cuboid } from "../../core/model/Cuboid";
import type { Track } from "../../core/model/Track";
import { type AnnotationDiff, isEmptyDiff } from "./AnnotationDiff";
import type { ChangeSource, Editor } from "./createEditor";

/**
 * The one write path for annotations (STYLE.md §6–7). Applies `diff` to the store and then:
 * "user" → recorded in history and saved; "undo" (undo/redo) → saved, not recorded again;
 * "load" and "remote" → neither (they are the server's state already).
 */
export function applyDiff(editor: Editor, diff: AnnotationDiff, source: ChangeSource): void {
  if (isEmptyDiff(diff)) return;
  if ((source === "user" || source === "undo") && refusedByLock(editor)) return;
  editor.store.update((s) => {
    const cuboids = new Map<string, Cuboid>(s.cuboids);
    for (const [id, c] of Object.entries(diff.cuboids)) {
      if (c.after) cuboids.set(id, c.after);
      else cuboids.delete(id);
    }
    let tracks = s.tracks;
    if (Object.keys(diff.tracks).length > 0) {
      const t = new Map<string, Track>(s.tracks);
      for (const [id, c] of Object.entries(diff.tracks)) {
        if (c.after) t.set(id, c.after);
        else t.delete(id);
      }
      tracks = t;
    }
    return { cuboids, tracks };
  });
  if (source === "user") editor.history.record(diff);
  if (source === "user" || source === "undo") editor.emitLocal(diff);
}

/** A diff that puts `next` cuboids (by id) and tracks, relative to the editor's current state. */
export function diffPut(editor: Editor, cuboids: Cuboid[], tracks: Track[] = []): AnnotationDiff {
  const s = editor.store.get();
  const diff: AnnotationDiff = { cuboids: {}, tracks: {} };
  for (const c of cuboids) diff.cuboids[c.id] = { before: s.cuboids.get(c.id) ?? null, after: c };
  for (const t of tracks) diff.tracks[t.trackId] = { before: s.tracks.get(t.trackId) ?? null, after: t };
  return diff;
}

export function diffDelete(editor: Editor, cuboidIds: string[], trackIds: string[] = []): AnnotationDiff {
  const s = editor.store.get();
  const diff: AnnotationDiff = { cuboids: {}, tracks: {} };
  for (const id of cuboidIds) {
    const before = s.cuboids.get(id);
    if (before) diff.cuboids[id] = { before, after: null };
  }
  for (const id of trackIds) {
    const before = s.tracks.get(id);
    if (before) diff.tracks[id] = { before, after: null };
  }
  return diff;
}

/** True (and says why, in the notice) when the task is locked against edits; see EditorState.editLock. */
export function refusedByLock(editor: Editor): boolean {
  const lock = editor.store.get().editLock;
  if (lock) editor.store.update({ notice: lock });
  return lock !== null;
}
