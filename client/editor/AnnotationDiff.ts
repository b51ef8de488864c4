import type { AnnotationOperation } from "../../core/api/annotationBatch";
import type { Cuboid } from "../../core/model/Cuboid";
import type { Track } from "../../core/model/Track";

/** One record's change: null before = created, null after = deleted. */
export interface RecordChange<T> {
  before: T | null;
  after: T | null;
}

/**
 * The unit of every annotation edit (STYLE.md §6): what changed, keyed by cuboid id and track id.
 * Undo applies `invertDiff`; the autosave queue turns the merged unsaved diff into batch operations.
 */
export interface AnnotationDiff {
  cuboids: Record<string, RecordChange<Cuboid>>;
  tracks: Record<string, RecordChange<Track>>;
}

export const emptyDiff = (): AnnotationDiff => ({ cuboids: {}, tracks: {} });

export const isEmptyDiff = (d: AnnotationDiff): boolean =>
  Object.keys(d.cuboids).length === 0 && Object.keys(d.tracks).length === 0;

function invertChanges<T>(changes: Record<string, RecordChange<T>>): Record<string, RecordChange<T>> {
  const out: Record<string, RecordChange<T>> = {};
  for (const [id, c] of Object.entries(changes)) out[id] = { before: c.after, after: c.before };
  return out;
}

export const invertDiff = (d: AnnotationDiff): AnnotationDiff => ({
  cuboids: invertChanges(d.cuboids),
  tracks: invertChanges(d.tracks),
});

/** Structural equality of two JSON-like records (key order ignored). */
export function sameRecord(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== "object" || typeof b !== "object") return false;
  const ka = Object.keys(a as object).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const kb = Object.keys(b as object).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => sameRecord((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

function mergeChanges<T>(
  first: Record<string, RecordChange<T>>,
  second: Record<string, RecordChange<T>>,
): Record<string, RecordChange<T>> {
  const out: Record<string, RecordChange<T>> = { ...first };
  for (const [id, c] of Object.entries(second)) {
    const prior = out[id];
    const merged = prior ? { before: prior.before, after: c.after } : c;
    if (sameRecord(merged.before, merged.after)) delete out[id];
    else out[id] = merged;
  }
  return out;
}

/** `second` applied after `first`, as one diff: earliest before, latest after; no-op changes vanish. */
export const mergeDiffs = (first: AnnotationDiff, second: AnnotationDiff): AnnotationDiff => ({
  cuboids: mergeChanges(first.cuboids, second.cuboids),
  tracks: mergeChanges(first.tracks, second.tracks),
});

/** The batch operations that bring the server from each change's `before` to its `after`. */
export function operationsFromDiff(d: AnnotationDiff): AnnotationOperation[] {
  const ops: AnnotationOperation[] = [];
  // Tracks first so a new cuboid's track exists; track deletions last.
  for (const c of Object.values(d.tracks)) if (c.after) ops.push({ op: "putTrack", track: c.after });
  for (const [id, c] of Object.entries(d.cuboids)) {
    ops.push(c.after ? { op: "putCuboid", cuboid: c.after } : { op: "deleteCuboid", id });
  }
  for (const [trackId, c] of Object.entries(d.tracks)) if (!c.after) ops.push({ op: "deleteTrack", trackId });
  return ops;
}
