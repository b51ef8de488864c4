import type { AnnotationSnapshot } from "../../../core/api/annotationBatch";
import type { Cuboid } from "../../../core/model/Cuboid";
import type { Track } from "../../../core/model/Track";
import { type AnnotationDiff, type RecordChange, sameRecord } from "../AnnotationDiff";
import { fieldLabel } from "../../i18n/codeLabels";
import { currentLanguage, t } from "../../i18n/i18n";
import { type FieldConflict, getPath, setPath } from "./FieldConflict";
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
  /** Fields both sides changed differently: theirs stands, the person chooses (FieldConflict). */
  choices: FieldConflict[];
}

/** Fields every edit stamps; both sides changing them is not worth a note. */
const BOOKKEEPING = new Set(["updatedAt", "updatedBy", "provenance"]);

function rebaseKind<T>(
  kind: "box" | "track",
  pending: Record<string, RecordChange<T>>,
  current: Map<string, T>,
  conflicts: string[],
  choices: FieldConflict[],
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
    const { merged: oursWin, overlapping: fields } = mergeRecords(base, ours, theirs);
    const overlapping = fields.filter((f) => !BOOKKEEPING.has(f));
    // Same field, different values: theirs stands (it is saved) and we are asked, never overwritten silently.
    let merged = oursWin;
    const by = (theirs as { updatedBy?: unknown }).updatedBy;
    for (const field of overlapping) {
      merged = setPath(merged, field, getPath(theirs, field));
      choices.push({
        key: `${kind}:${id}:${field}:${JSON.stringify(getPath(theirs, field))}`,
        kind,
        objectId: id,
        field,
        ours: getPath(ours, field),
        theirs: getPath(theirs, field),
        by: typeof by === "string" ? by : null,
      });
    }
    conflicts.push(
      overlapping.length > 0
        ? t("conflicts.bothEdited", {
            what: what(kind, id),
            fields: new Intl.ListFormat(currentLanguage()).format(overlapping.map((f) => fieldLabel(f))),
          })
        : t("conflicts.merged", { what: what(kind, id) }),
    );
    if (!sameRecord(merged, theirs)) out[id] = { before: theirs, after: merged };
  }
  return out;
}

/**
 * Rebases unsaved edits onto the server's current snapshot (after a 409, a live update, or a reload
 * with an outbox): nothing either side did is dropped; where both changed the same field, theirs
 * (already saved) stands and `choices` asks us whether to put ours back. A delete loses to a concurrent edit (the edit can be deleted again; a
 * lost edit cannot be recovered).
 */
export function rebasePending(
  pendingIn: AnnotationDiff,
  current: Pick<AnnotationSnapshot, "cuboids" | "tracks">,
  /** A fresh track id, for a track we created under an id someone else created at the same time. */
  newTrackId?: () => string,
): Rebased {
  const conflicts: string[] = [];
  const choices: FieldConflict[] = [];
  const curCuboids = new Map(current.cuboids.map((c) => [c.id, c]));
  const curTracks = new Map(current.tracks.map((t) => [t.trackId, t]));
  const pending = newTrackId ? reidCollidingTracks(pendingIn, curTracks, newTrackId, conflicts) : pendingIn;
  const rebased: AnnotationDiff = {
    cuboids: rebaseKind("box", pending.cuboids, curCuboids, conflicts, choices),
    tracks: rebaseKind("track", pending.tracks, curTracks, conflicts, choices),
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
    choices,
  };
}

/**
 * Two people who both created track "70" at once: ours moves to a fresh id with its boxes, instead
 * of overwriting theirs (which left a Car and a Pedestrian under one track in one frame).
 */
export function reidCollidingTracks(
  pending: AnnotationDiff,
  current: Map<string, Track>,
  newTrackId: () => string,
  conflicts: string[],
): AnnotationDiff {
  const renamed = new Map<string, string>();
  const tracks: AnnotationDiff["tracks"] = {};
  for (const [id, change] of Object.entries(pending.tracks)) {
    const theirs = current.get(id);
    if (change.before === null && change.after && theirs && !sameRecord(theirs, change.after)) {
      const fresh = newTrackId();
      renamed.set(id, fresh);
      tracks[fresh] = { before: null, after: { ...change.after, trackId: fresh } };
      conflicts.push(`track ${id} was created elsewhere at the same time — yours is now track ${fresh}`);
    } else tracks[id] = change;
  }
  if (renamed.size === 0) return pending;
  const cuboids: AnnotationDiff["cuboids"] = {};
  for (const [id, change] of Object.entries(pending.cuboids)) {
    const to = change.after ? renamed.get(change.after.trackId) : undefined;
    cuboids[id] = to && change.after ? { ...change, after: { ...change.after, trackId: to } } : change;
  }
  return { cuboids, tracks };
}
