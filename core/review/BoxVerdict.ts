import { z } from "zod";

/** What a verdict is about: one box (a cuboid at its frame) or a whole track. */
export const verdictTargetSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("box"), cuboidId: z.string().min(1).max(200) }),
  z.object({ kind: z.literal("track"), trackId: z.string().min(1).max(200) }),
]);
export type VerdictTarget = z.infer<typeof verdictTargetSchema>;

/** POST /api/tasks/:taskId/verdicts: accept, or reject with a reason code from the project's error types. */
export const verdictInputSchema = z
  .object({
    target: verdictTargetSchema,
    verdict: z.enum(["accepted", "rejected"]),
    reasonCode: z.string().min(1).max(64).optional(),
    note: z.string().max(2000).optional(),
  })
  .refine((v) => v.verdict === "accepted" || v.reasonCode !== undefined, {
    message: "a rejection needs a reasonCode (one of the project's error types)",
    path: ["reasonCode"],
  });
export type VerdictInput = z.infer<typeof verdictInputSchema>;

/** A stored verdict. Later verdicts on the same box or track replace earlier ones (the newest counts). */
export const boxVerdictSchema = z.object({
  id: z.string(),
  taskId: z.string(),
  target: z.discriminatedUnion("kind", [
    z.object({
      kind: z.literal("box"),
      cuboidId: z.string(),
      trackId: z.string(),
      frameIndex: z.number().int(),
    }),
    z.object({ kind: z.literal("track"), trackId: z.string() }),
  ]),
  verdict: z.enum(["accepted", "rejected"]),
  reasonCode: z.string().nullable(),
  note: z.string().nullable(),
  reviewerId: z.string().nullable(),
  reviewerName: z.string(),
  /** The sequence's revision when the verdict was given: a box changed after it shows as re-edited. */
  revision: z.number().int(),
  /** ISO 8601. */
  createdAt: z.string(),
});
export type BoxVerdict = z.infer<typeof boxVerdictSchema>;

/**
 * The verdict that counts for one box: the newest of its own verdicts and its track's. Ties in
 * time (same millisecond) go to the later one in `verdicts`, which the server lists oldest first.
 * Null when neither was judged.
 */
export function effectiveVerdict(
  box: { id: string; trackId: string },
  verdicts: readonly BoxVerdict[],
): BoxVerdict | null {
  let best: BoxVerdict | null = null;
  for (const v of verdicts) {
    const hits = v.target.kind === "box" ? v.target.cuboidId === box.id : v.target.trackId === box.trackId;
    if (hits && (!best || v.createdAt >= best.createdAt)) best = v;
  }
  return best;
}
