import type { AnnotationSnapshot } from "../../../core/api/annotationBatch";
import type { Cuboid } from "../../../core/model/Cuboid";
import type { Track } from "../../../core/model/Track";
import type { AnnotationDiff } from "../AnnotationDiff";
import { applyDiff } from "../applyDiff";
import type { Editor } from "../createEditor";

/** The diff from the editor's current state to `snapshot` (records missing from it are deleted). */
export function diffToSnapshot(
  editor: Editor,
  snapshot: Pick<AnnotationSnapshot, "cuboids" | "tracks">,
): AnnotationDiff {
  const s = editor.store.get();
  const diff: AnnotationDiff = { cuboids: {}, tracks: {} };
  const nextCuboids = new Map<string, Cuboid>(snapshot.cuboids.map((c) => [c.id, c]));
  const nextTracks = new Map<string, Track>(snapshot.tracks.map((t) => [t.trackId, t]));
  for (const [id, before] of s.cuboids) if (!nextCuboids.has(id)) diff.cuboids[id] = { before, after: null };
  for (const [id, after] of nextCuboids) diff.cuboids[id] = { before: s.cuboids.get(id) ?? null, after };
  for (const [id, before] of s.tracks) if (!nextTracks.has(id)) diff.tracks[id] = { before, after: null };
  for (const [id, after] of nextTracks) diff.tracks[id] = { before: s.tracks.get(id) ?? null, after };
  return diff;
}

/** Replaces the annotations with the server's snapshot. Not undoable, not saved (STYLE.md §7). */
export function loadSnapshot(editor: Editor, snapshot: Pick<AnnotationSnapshot, "cuboids" | "tracks">): void {
  applyDiff(editor, diffToSnapshot(editor, snapshot), "load");
  // Machine flags are stored with the boxes: the review list comes back with them.
  editor.store.update({
    needsReview: new Map(
      snapshot.cuboids.flatMap((c) => (c.needsReview ? [[c.id, c.needsReview] as const] : [])),
    ),
  });
}
