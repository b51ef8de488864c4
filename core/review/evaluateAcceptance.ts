import { type BoxVerdict, effectiveVerdict } from "./BoxVerdict";

export interface AcceptanceEvaluation {
  /** Boxes on the sampled frames. */
  sampledBoxes: number;
  accepted: number;
  rejected: number;
  /** Sampled boxes with no verdict yet. */
  unjudged: number;
  /** rejected / sampledBoxes × 100; 0 when there are no boxes. */
  rejectedPercent: number;
  maxRejectedPercent: number;
  /** The task may be accepted: rejectedPercent ≤ maxRejectedPercent. */
  pass: boolean;
}

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
