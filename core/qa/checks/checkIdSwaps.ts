import type { Vec3 } from "../../geometry/vec3";
import type { QaContext, QaItem } from "../QaContext";
import type { QaFinding } from "../QaFinding";
import { makeFinding } from "../makeFinding";
import { roundM } from "../qaMessages";

const distXY = (a: Vec3, b: Vec3): number => Math.hypot(a.x - b.x, a.y - b.y);

/**
 * Two tracks whose ids swap from one frame on: at frame k, where each track is expected from its
 * previous boxes (constant velocity from the two before, or standing still from one), the two
 * boxes fit the other track's expectation better than their own by at least `minGainM` in total,
 * and the frame after (where the tracks go on) still follows the other track's path — else it was
 * one misplaced box, a jump. Both tracks get a finding at k.
 */
export function checkIdSwaps(ctx: QaContext): QaFinding[] {
  const cfg = ctx.config["id-swap"];
  if (!cfg.enabled) return [];
  // Track id → frame → its box there.
  const at = new Map<string, Map<number, QaItem>>();
  for (const [id, items] of ctx.tracks) at.set(id, new Map(items.map((i) => [i.box.frameIndex, i])));
  const expected = (id: string, k: number, t: number): Vec3 | null => {
    const a = at.get(id)?.get(k - 1);
    if (!a) return null;
    const before = at.get(id)?.get(k - 2);
    if (!before || a.t <= before.t) return a.worldM;
    const s = (t - before.t) / (a.t - before.t);
    return {
      x: before.worldM.x + s * (a.worldM.x - before.worldM.x),
      y: before.worldM.y + s * (a.worldM.y - before.worldM.y),
      z: a.worldM.z,
    };
  };
  const out: QaFinding[] = [...swapsOfLook(ctx)];
  const found = new Set(out.map((f) => `${f.frameIndex}/${f.trackId}`));
  for (const [k, frameItems] of ctx.byFrame.entries()) {
    if (k === 0) continue;
    const here = frameItems.flatMap((item) => {
      const e = expected(item.box.trackId, k, item.t);
      return e ? [{ item, e }] : [];
    });
    for (const [i, a] of here.entries()) {
      for (const b of here.slice(i + 1)) {
        const keep = distXY(a.item.worldM, a.e) + distXY(b.item.worldM, b.e);
        const swap = distXY(b.item.worldM, a.e) + distXY(a.item.worldM, b.e);
        if (keep - swap < cfg.minGainM) continue;
        // The frame after must go on from the swapped boxes (else it is one misplaced box, a jump).
        const an = at.get(a.item.box.trackId)?.get(k + 1);
        const bn = at.get(b.item.box.trackId)?.get(k + 1);
        const aId = a.item.box.trackId;
        const bId = b.item.box.trackId;
        const staysSwapped = (next: QaItem | undefined, own: string, other: string) => {
          if (!next) return true;
          const ownPath = expected(own, k, next.t);
          const otherPath = expected(other, k, next.t);
          return !ownPath || !otherPath || distXY(next.worldM, otherPath) < distXY(next.worldM, ownPath);
        };
        if (!staysSwapped(an, aId, bId) || !staysSwapped(bn, bId, aId)) continue;
        const finding = (item: QaItem, other: string) =>
          makeFinding(
            ctx.config,
            "id-swap",
            item,
            "idSwap",
            { otherTrack: other, gainM: roundM(keep - swap) },
            { otherTrackId: other },
          );
        if (!found.has(`${k}/${aId}`) && !found.has(`${k}/${bId}`))
          out.push(finding(a.item, b.item.box.trackId), finding(b.item, a.item.box.trackId));
      }
    }
  }
  return out;
}

/** Each dimension of one box within this share of the other's: one object's size, as labelled. */
const SAME_SIZE_SHARE = 0.15;
const sameLook = (a: QaItem, b: QaItem): boolean =>
  a.box.className === b.box.className &&
  (["lengthM", "widthM", "heightM"] as const).every(
    (d) =>
      Math.abs(a.box.size[d] - b.box.size[d]) <= SAME_SIZE_SHARE * Math.max(a.box.size[d], b.box.size[d]),
  );

/**
 * Swaps the path test cannot judge (a single box before the swap, keyframes far apart): two tracks
 * whose look (class, size) changes at the same frame, each into what the other looked like just
 * before, and each box nearer where the other object was — the objects kept their looks and
 * places, the ids moved.
 */
function swapsOfLook(ctx: QaContext): QaFinding[] {
  const changes: Array<{ k: number; before: QaItem; after: QaItem }> = [];
  for (const items of ctx.tracks.values())
    items.forEach((after, i) => {
      const before = items[i - 1];
      if (before && after.box.frameIndex === before.box.frameIndex + 1 && !sameLook(before, after))
        changes.push({ k: after.box.frameIndex, before, after });
    });
  const out: QaFinding[] = [];
  for (const [i, a] of changes.entries())
    for (const b of changes.slice(i + 1)) {
      if (a.k !== b.k || !sameLook(a.before, b.after) || !sameLook(b.before, a.after)) continue;
      // …and each box is nearer where the other object was than where its own track was.
      const kept = distXY(a.after.worldM, a.before.worldM) + distXY(b.after.worldM, b.before.worldM);
      const swapped = distXY(a.after.worldM, b.before.worldM) + distXY(b.after.worldM, a.before.worldM);
      if (swapped >= kept) continue;
      const finding = (item: QaItem, other: string) =>
        makeFinding(
          ctx.config,
          "id-swap",
          item,
          "idSwapLook",
          { otherTrack: other },
          { otherTrackId: other },
        );
      out.push(finding(a.after, b.after.box.trackId), finding(b.after, a.after.box.trackId));
    }
  return out;
}
