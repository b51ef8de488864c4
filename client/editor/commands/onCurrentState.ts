import type { AnnotationDiff, RecordChange } from "../AnnotationDiff";
import { sameRecord } from "../AnnotationDiff";
import type { Editor } from "../createEditor";
import { mergeRecords } from "../sync/mergeRecords";

function rebaseChanges<T>(
  changes: Record<string, RecordChange<T>>,
  current: ReadonlyMap<string, T>,
): Record<string, RecordChange<T>> {
  const out: Record<string, RecordChange<T>> = {};
  for (const [id, c] of Object.entries(changes)) {
    const now = current.get(id) ?? null;
    // Untouched since (or created/deleted): the step applies as recorded.
    if (sameRecord(now, c.before) || now === null || c.before === null || c.after === null) {
      out[id] = { before: now, after: c.after };
      continue;
    }
    // Someone else changed other fields since: only the fields of this step move.
    out[id] = { before: now, after: mergeRecords(c.before, c.after, now).merged };
  }
  return out;
}

/**
 * An undo/redo step re-expressed on the current state: it changes only the fields the step itself
 * changed, so undoing one's own edit never rolls back a remote edit of another field of that box
 * (remote changes are not undoable by the receiver, STYLE.md §7).
 */
export function onCurrentState(editor: Editor, d: AnnotationDiff): AnnotationDiff {
  const s = editor.store.get();
  return { cuboids: rebaseChanges(d.cuboids, s.cuboids), tracks: rebaseChanges(d.tracks, s.tracks) };
}
