import type { AnnotationSnapshot } from "../../../core/api/annotationBatch";
import type { Cuboid } from "../../../core/model/Cuboid";
import type { Track } from "../../../core/model/Track";
import { type AnnotationDiff, type RecordChange, sameRecord } from "../AnnotationDiff";
import { t } from "../../i18n/i18n";
import { mergeRecords } from "./mergeRecords";

/** "box 123" / "3D框 123" in conflict notes. */
const what = (kind: string, id: string): string =>
  kind === "track" ? t("conflicts.track", { id }) : t("conflicts.box", { id });

export interface Rebased {
  /** Our unsaved changes re-expressed against the server's current state. */
  pending: AnnotationDiff;
  /** The state the editor must show: the server's, with `pending` on top. */
  target: { cuboids: Cuboid[]; tracks: Track[] };
  /** Human-readable notes for every object both sides changed. */
  conflicts: string[];
}

/** Fields every edit stamps; both sides changing them is not worth a note. */
const BOOKKEEPING = new Set(["updatedAt", "updatedBy", "provenance"]);

function rebaseKind<T>(
  kind: string,
  pending: Record<string, RecordChange<T>>,
  current: Map<string, T>,
  conflicts: string[],
): Record<string, RecordChange<T>> {
  const out: Record<string, RecordChange<T>> = {};
  for (const [id, change] of Object.entries(pending)) {
    const theirs = current.get(id) ?? null;
    const { before: base, after: ours } = change;
    if (sameRecord(theirs, ours)) continue; // the server already has it (a lost reply)
    if (sameRecord(theirs, base)) {
      out[id] = { before: theirs, after: ours };
      continue;
    }
    // Both sides changed it since our base.
    if (ours === null) {
      conflicts.push(t("conflicts.theirsKept", { what: what(kind, id) }));
      continue;
    }
    if (theirs === null || base === null) {
      conflicts.push(t("conflicts.yoursKept", { what: what(kind, id) }));
      out[id] = { before: theirs, after: ours };
      continue;
    }
    const { merged, overlapping: fields } = mergeRecords(base, ours, theirs);
    const overlapping = fields.filter((f) => !BOOKKEEPING.has(f));
    conflicts.push(
      overlapping.length > 0
        ? t("conflicts.bothEdited", { what: what(kind, id), fields: overlapping.join(", ") })
        : t("conflicts.merged", { what: what(kind, id) }),
    );
    if (!sameRecord(merged, theirs)) out[id] = { before: theirs, after: merged };
  }
  return out;
}

/**
 * Rebases unsaved edits onto the server's current snapshot (after a 409, or after a reload with an
 * outbox): nothing either side did is dropped except where both changed the same field, where ours
 * wins and the note says so. A delete loses to a concurrent edit (the edit can be deleted again; a
 * lost edit cannot be recovered).
 */
export function rebasePending(pending: AnnotationDiff, current: AnnotationSnapshot): Rebased {
  const conflicts: string[] = [];
  const curCuboids = new Map(current.cuboids.map((c) => [c.id, c]));
  const curTracks = new Map(current.tracks.map((t) => [t.trackId, t]));
  const rebased: AnnotationDiff = {
    cuboids: rebaseKind("box", pending.cuboids, curCuboids, conflicts),
    tracks: rebaseKind("track", pending.tracks, curTracks, conflicts),
  };
  const cuboids = new Map(curCuboids);
  for (const [id, c] of Object.entries(rebased.cuboids)) {
    if (c.after) cuboids.set(id, c.after);
    else cuboids.delete(id);
  }
  const tracks = new Map(curTracks);
  for (const [id, t] of Object.entries(rebased.tracks)) {
    if (t.after) tracks.set(id, t.after);
    else tracks.delete(id);
  }
  return {
    pending: rebased,
    target: { cuboids: [...cuboids.values()], tracks: [...tracks.values()] },
    conflicts,
  };
}
