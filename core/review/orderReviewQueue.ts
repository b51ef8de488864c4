import { z } from "zod";
import type { Cuboid } from "../model/Cuboid";
import { isMachineProvenance } from "../model/Provenance";

/** Why a box is where it is in the queue, most urgent first. */
export const QUEUE_GROUPS = ["machine-untouched", "machine-flagged", "qa-finding", "rest"] as const;
export type QueueGroup = (typeof QUEUE_GROUPS)[number];

export const queueItemSchema = z.object({
  cuboidId: z.string(),
  trackId: z.string(),
  frameIndex: z.number().int(),
  group: z.enum(QUEUE_GROUPS),
  /** The machine's reason (needsReview), when flagged. */
  needsReview: z.string().nullable(),
  /** QA finding kinds on this box (core/qa), when any. */
  qaKinds: z.array(z.string()),
});
export type QueueItem = z.infer<typeof queueItemSchema>;

/**
 * The order a reviewer takes boxes in: what the machine made and nobody touched since
 * (provenance still machine, not flagged), boxes the machine flagged `needsReview`, boxes with
 * automatic-check findings, then the rest. Within a group: by frame, then track, then id, so the
 * order is stable between calls. `frames`, when given, keeps only boxes on those frames (a sample).
 */
export function orderReviewQueue(
  cuboids: readonly Cuboid[],
  findings: ReadonlyArray<{ boxId: string | null; kind: string }>,
  frames?: ReadonlySet<number>,
): QueueItem[] {
  const qa = new Map<string, string[]>();
  for (const f of findings)
    if (f.boxId !== null) {
      const kinds = qa.get(f.boxId) ?? [];
      if (!kinds.includes(f.kind)) kinds.push(f.kind);
      qa.set(f.boxId, kinds);
    }
  const groupOf = (c: Cuboid): QueueGroup =>
    c.needsReview !== undefined
      ? "machine-flagged"
      : isMachineProvenance(c.provenance)
        ? "machine-untouched"
        : qa.has(c.id)
          ? "qa-finding"
          : "rest";
  const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return cuboids
    .filter((c) => !frames || frames.has(c.frameIndex))
    .map((c) => ({
      cuboidId: c.id,
      trackId: c.trackId,
      frameIndex: c.frameIndex,
      group: groupOf(c),
      needsReview: c.needsReview ?? null,
      qaKinds: qa.get(c.id) ?? [],
    }))
    .sort(
      (a, b) =>
        QUEUE_GROUPS.indexOf(a.group) - QUEUE_GROUPS.indexOf(b.group) ||
        a.frameIndex - b.frameIndex ||
        cmp(a.trackId, b.trackId) ||
        cmp(a.cuboidId, b.cuboidId),
    );
}
