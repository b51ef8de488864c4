import type { Cuboid } from "../model/Cuboid";
import { z } from "zod";
import { boxDifference, boxDifferenceSchema } from "./boxDifference";

/** One box between two revisions: changed (with its difference), added, removed or unchanged. */
export const boxChangeSchema = z.object({
  cuboidId: z.string(),
  trackId: z.string(),
  frameIndex: z.number().int(),
  change: z.enum(["changed", "added", "removed", "unchanged"]),
  /** Null unless both versions exist. */
  difference: boxDifferenceSchema.nullable(),
  /** Who made the earlier version (its updatedBy), null when added. */
  beforeBy: z.string().nullable(),
  /** Who made the later version, null when removed. */
  afterBy: z.string().nullable(),
  /** The class changed between the versions. */
  classChanged: z.boolean(),
});
export type BoxChange = z.infer<typeof boxChangeSchema>;

const same = (a: Cuboid, b: Cuboid) =>
  a.centerM.x === b.centerM.x &&
  a.centerM.y === b.centerM.y &&
  a.centerM.z === b.centerM.z &&
  a.size.lengthM === b.size.lengthM &&
  a.size.widthM === b.size.widthM &&
  a.size.heightM === b.size.heightM &&
  a.yawRad === b.yawRad &&
  a.pitchRad === b.pitchRad &&
  a.rollRad === b.rollRad &&
  a.trackId === b.trackId &&
  a.frameIndex === b.frameIndex &&
  a.className === b.className &&
  JSON.stringify(a.attributes) === JSON.stringify(b.attributes);

/**
 * Every box of either revision, matched by cuboid id, ordered by frame then id. `frames`, when
 * given, keeps only boxes on those frames (a task's range).
 */
export function diffSnapshots(
  before: readonly Cuboid[],
  after: readonly Cuboid[],
  frames?: (frameIndex: number) => boolean,
): BoxChange[] {
  const keep = (c: Cuboid) => !frames || frames(c.frameIndex);
  const old = new Map(before.filter(keep).map((c) => [c.id, c]));
  const now = new Map(after.filter(keep).map((c) => [c.id, c]));
  const out: BoxChange[] = [];
  for (const [id, b] of old) {
    const a = now.get(id);
    out.push({
      cuboidId: id,
      trackId: a?.trackId ?? b.trackId,
      frameIndex: a?.frameIndex ?? b.frameIndex,
      change: !a ? "removed" : same(b, a) ? "unchanged" : "changed",
      difference: a ? boxDifference(b, a) : null,
      beforeBy: b.updatedBy,
      afterBy: a?.updatedBy ?? null,
      classChanged: a !== undefined && a.className !== b.className,
    });
  }
  for (const [id, a] of now)
    if (!old.has(id))
      out.push({
        cuboidId: id,
        trackId: a.trackId,
        frameIndex: a.frameIndex,
        change: "added",
        difference: null,
        beforeBy: null,
        afterBy: a.updatedBy,
        classChanged: false,
      });
  return out.sort((x, y) => x.frameIndex - y.frameIndex || (x.cuboidId < y.cuboidId ? -1 : 1));
}

/** Totals over many box changes: counts, and means/extremes over the boxes present in both (null when none). */
export const diffSummarySchema = z.object({
  boxes: z.number().int(),
  changed: z.number().int(),
  added: z.number().int(),
  removed: z.number().int(),
  unchanged: z.number().int(),
  classChanged: z.number().int(),
  meanBevIou: z.number().nullable(),
  minBevIou: z.number().nullable(),
  meanCenterDistanceM: z.number().nullable(),
  maxCenterDistanceM: z.number().nullable(),
  meanHeadingDiffDeg: z.number().nullable(),
  maxHeadingDiffDeg: z.number().nullable(),
  meanSizeDiffM: z.number().nullable(),
  maxSizeDiffM: z.number().nullable(),
});
export type DiffSummary = z.infer<typeof diffSummarySchema>;

export function summariseChanges(changes: readonly BoxChange[]): DiffSummary {
  const both = changes.flatMap((c) => (c.difference ? [c.difference] : []));
  const mean = (f: (d: (typeof both)[number]) => number) =>
    both.length ? both.reduce((s, d) => s + f(d), 0) / both.length : null;
  const ext = (f: (d: (typeof both)[number]) => number, pick: (a: number, b: number) => number) =>
    both.length ? both.map(f).reduce((a, b) => pick(a, b)) : null;
  const count = (k: BoxChange["change"]) => changes.filter((c) => c.change === k).length;
  return {
    boxes: changes.length,
    changed: count("changed"),
    added: count("added"),
    removed: count("removed"),
    unchanged: count("unchanged"),
    classChanged: changes.filter((c) => c.classChanged).length,
    meanBevIou: mean((d) => d.bevIou),
    minBevIou: ext((d) => d.bevIou, Math.min),
    meanCenterDistanceM: mean((d) => d.centerDistanceM),
    maxCenterDistanceM: ext((d) => d.centerDistanceM, Math.max),
    meanHeadingDiffDeg: mean((d) => d.headingDiffDeg),
    maxHeadingDiffDeg: ext((d) => d.headingDiffDeg, Math.max),
    meanSizeDiffM: mean((d) => d.sizeDiffM),
    maxSizeDiffM: ext((d) => d.sizeDiffM, Math.max),
  };
}

/**
 * Summaries per person: a box counts for whoever made its earlier version (the work under
 * review); an added box for whoever added it.
 */
export function summariseByAuthor(changes: readonly BoxChange[]): Record<string, DiffSummary> {
  const groups = new Map<string, BoxChange[]>();
  for (const c of changes) {
    const who = c.beforeBy ?? c.afterBy ?? "unknown";
    groups.set(who, [...(groups.get(who) ?? []), c]);
  }
  return Object.fromEntries(
    [...groups].sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => [k, summariseChanges(v)]),
  );
}
