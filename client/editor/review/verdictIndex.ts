import type { BoxVerdict } from "../../../core/review/BoxVerdict";

export type VerdictLookup = (box: { cuboidId: string; trackId: string }) => BoxVerdict | null;

const cache = new WeakMap<readonly BoxVerdict[], VerdictLookup>();

/**
 * The verdict that counts for a box, as core's effectiveVerdict decides it (the newest of the box's
 * own and its track's), indexed once per verdict list: the queue asks for every box on each key.
 */
export function verdictIndex(verdicts: readonly BoxVerdict[]): VerdictLookup {
  let lookup = cache.get(verdicts);
  if (lookup) return lookup;
  const newer = (a: BoxVerdict, b: BoxVerdict | undefined) =>
    !b || a.createdAt > b.createdAt || (a.createdAt === b.createdAt && a.id > b.id);
  const byBox = new Map<string, BoxVerdict>();
  const byTrack = new Map<string, BoxVerdict>();
  for (const v of verdicts) {
    const map = v.target.kind === "box" ? byBox : byTrack;
    const key = v.target.kind === "box" ? v.target.cuboidId : v.target.trackId;
    if (newer(v, map.get(key))) map.set(key, v);
  }
  lookup = (box) => {
    const own = byBox.get(box.cuboidId);
    const track = byTrack.get(box.trackId);
    if (!own) return track ?? null;
    return track && newer(track, own) ? track : own;
  };
  cache.set(verdicts, lookup);
  return lookup;
}
