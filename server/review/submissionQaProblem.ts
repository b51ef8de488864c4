import type { QaFinding } from "../../core/qa/QaFinding";
import type { TaskRow } from "../accounts/tasks";
import { runSequenceQa } from "../qa/runSequenceQa";
import type { ServerDeps } from "../ServerDeps";
import { taskFrameRange } from "./taskContext";

/** Findings listed in a refusal at most (the QA panel shows them all). */
const LISTED = 20;

export interface SubmissionQaBlock {
  error: "qa-blocking";
  message: string;
  /** The blocking findings in the task's frames (the first 20), and how many there are. */
  findings: QaFinding[];
  count: number;
}

/**
 * Runs the project's QA checks on the sequence as it is now and returns, when findings of the kinds
 * the lead made blocking lie in the task's frames, the refusal to send instead of submitting;
 * otherwise the revision that was checked (the submit must still find it the head).
 */
export async function submissionQaProblem(
  deps: Pick<ServerDeps, "store" | "blobs">,
  task: TaskRow,
): Promise<{ block: SubmissionQaBlock } | { checkedRevision: number | null }> {
  const report = await runSequenceQa(deps, task.sequence_id);
  if (!report || report.blockingKinds.length === 0) return { checkedRevision: null };
  const { start, end } = await taskFrameRange(deps.store.db, task);
  const blocking = report.findings.filter(
    (f) => report.blockingKinds.includes(f.kind) && f.frameIndex >= start && f.frameIndex <= end,
  );
  if (blocking.length === 0) return { checkedRevision: report.revision };
  const kinds = [...new Set(blocking.map((f) => f.kind))].join(", ");
  return {
    block: {
      error: "qa-blocking",
      message: `submit: ${blocking.length} finding${blocking.length === 1 ? "" : "s"} of checks the project makes blocking (${kinds}); fix them in the QA panel first`,
      findings: blocking.slice(0, LISTED),
      count: blocking.length,
    },
  };
}
