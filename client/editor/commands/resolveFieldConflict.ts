import { applyDiff, diffPut } from "../applyDiff";
import type { Editor } from "../createEditor";
import { setPath } from "../sync/FieldConflict";

/**
 * The annotator's answer to a same-field conflict: "mine" puts our value back over theirs (a new,
 * undoable edit that is saved like any other); "theirs" keeps the saved value. Either way the
 * notice goes.
 */
export function resolveFieldConflict(editor: Editor, key: string, keep: "mine" | "theirs"): void {
  const s = editor.store.get();
  const conflict = s.conflicts.find((c) => c.key === key);
  if (!conflict) return;
  editor.store.update({ conflicts: s.conflicts.filter((c) => c.key !== key) });
  if (keep === "theirs") return;
  if (conflict.kind === "box") {
    const c = s.cuboids.get(conflict.objectId);
    if (c) applyDiff(editor, diffPut(editor, [setPath(c, conflict.field, conflict.ours)]), "user");
  } else {
    const t = s.tracks.get(conflict.objectId);
    if (t) applyDiff(editor, diffPut(editor, [], [setPath(t, conflict.field, conflict.ours)]), "user");
  }
}
