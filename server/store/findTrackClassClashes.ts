import type { Cuboid } from "../../core/model/Cuboid";

/** A stored live box as the clash check needs it. */
export interface StoredTrackBox {
  id: string;
  trackId: string;
  frameIndex: number;
  className: string;
}

/**
 * Track ids under which the batch would leave boxes of two different classes in one frame (two
 * people who both created "their" track 70 at once): the batch's own boxes against each other and
 * against the stored boxes it does not replace. Probed before this check: track 70 held a Car and a
 * Pedestrian in one frame while both screens said "saved". `stored` holds (at least) the live boxes
 * of the batch's tracks, read under the sequence's lock with the batch's other reads.
 */
export function findTrackClassClashes(
  /** The cuboids the batch leaves (its last put of each id); `deleted` are the ids it removes. */
  puts: Cuboid[],
  deleted: Set<string>,
  stored: readonly StoredTrackBox[],
): string[] {
  if (puts.length === 0) return [];
  const clashes = new Set<string>();
  const classAt = new Map<string, string>();
  for (const c of puts) {
    const key = `${c.trackId}\u0000${c.frameIndex}`;
    const seen = classAt.get(key);
    if (seen !== undefined && seen !== c.className) clashes.add(c.trackId);
    classAt.set(key, c.className);
  }
  const replaced = new Set([...puts.map((c) => c.id), ...deleted]);
  for (const r of stored) {
    if (replaced.has(r.id)) continue;
    const mine = classAt.get(`${r.trackId}\u0000${r.frameIndex}`);
    if (mine !== undefined && mine !== r.className) clashes.add(r.trackId);
  }
  return [...clashes].sort();
}
