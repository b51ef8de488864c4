import { z } from "zod";
import { type BoxVerdict, effectiveVerdict } from "./BoxVerdict";

export const acceptanceEvaluationSchema = z.object({
  /** Boxes on the sampled frames. */
  sampledBoxes: z.number().int(),
  accepted: z.number().int(),
  rejected: z.number().int(),
  /** Sampled boxes with no verdict yet. */
  unjudged: z.number().int(),
  /** rejected / sampledBoxes × 100; 0 when there are no boxes. */
  rejectedPercent: z.number(),
  maxRejectedPercent: z.number(),
  /** The task may be accepted: rejectedPercent ≤ maxRejectedPercent. */
  pass: z.boolean(),
});
export type AcceptanceEvaluation = z.infer<typeof acceptanceEvaluationSchema>;

/**
 * The acceptance rule: a task whose sampled boxes are rejected more than `maxRejectedPercent`
 * of the time may not be accepted (it goes back to the labeler). Each box's newest verdict
 * counts (its own or its track's, effectiveVerdict).
 */
export function evaluateAcceptance(
  sampledBoxes: ReadonlyArray<{ id: string; trackId: string }>,
  verdicts: readonly BoxVerdict[],
  maxRejectedPercent: number,
): AcceptanceEvaluation {
  let accepted = 0;
  let rejected = 0;
  for (const b of sampledBoxes) {
    const v = effectiveVerdict(b, verdicts);
    if (v?.verdict === "accepted") accepted++;
    else if (v?.verdict === "rejected") rejected++;
  }
  const n = sampledBoxes.length;
  const rejectedPercent = n === 0 ? 0 : (rejected / n) * 100;
  return {
    sampledBoxes: n,
    accepted,
    rejected,
    unjudged: n - accepted - rejected,
    rejectedPercent,
    maxRejectedPercent,
    pass: rejectedPercent <= maxRejectedPercent,
  };
}
