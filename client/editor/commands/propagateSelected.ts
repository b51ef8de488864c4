import { sameRecord } from "../AnnotationDiff";
import { applyDiff, diffPut } from "../applyDiff";
import type { Editor } from "../createEditor";
import { queueFitStep } from "./queueFitStep";
import { selectedCuboid } from "../selectors";
import { machineCuboids } from "./machineCuboids";

export interface PropagationOutcome {
  /** Boxes written (provenance "propagated"). */
  placed: number;
  /** Frame where propagation stopped for lack of confidence (its box is flagged needsReview), if any. */
  stoppedAtFrame: number | null;
  reason: string | null;
}

/**
 * Propagates the selected box's track from the current frame forward or backward with the fit
 * service, as ONE undo step; every box gets provenance "propagated". Stops where the service's
 * confidence dropped (that frame's box is flagged in `needsReview` for the annotator) or at the
 * first frame holding a human box of the track. The outcome is also written to `notice`. Dropped
 * (null) when the seed box was edited while the worker ran.
 */
export function propagateSelected(
  editor: Editor,
  direction: "forward" | "backward",
): Promise<PropagationOutcome | null> {
  return queueFitStep(editor, () => propagateSelectedNow(editor, direction));
}

async function propagateSelectedNow(
  editor: Editor,
  direction: "forward" | "backward",
): Promise<PropagationOutcome | null> {
  const seed = selectedCuboid(editor.store.get());
  if (!seed || !editor.fit?.propagate) return null;
  editor.store.update({ notice: `Propagating ${direction}…` });
  let results: Awaited<ReturnType<NonNullable<typeof editor.fit.propagate>>>;
  try {
    results = await editor.fit.propagate(
      { frameIndex: seed.frameIndex, box: { centerM: seed.centerM, size: seed.size, yawRad: seed.yawRad } },
      direction,
    );
  } catch (e) {
    editor.store.update({ notice: `Propagation failed: ${(e as Error).message}` });
    return null;
  }
  const now = editor.store.get().cuboids.get(seed.id);
  if (!now || !sameRecord(now, seed)) {
    editor.store.update({ notice: "Propagation dropped: the box was edited while it ran" });
    return null;
  }
  const ordered = [...results].sort(
    (a, b) => Math.abs(a.frameIndex - seed.frameIndex) - Math.abs(b.frameIndex - seed.frameIndex),
  );
  const cuboids = machineCuboids(editor, seed, ordered, "propagated");
  applyDiff(editor, diffPut(editor, cuboids), "user");
  const last = ordered[cuboids.length - 1];
  const flagged = last?.needsReview ? cuboids[cuboids.length - 1]! : null;
  const outcome: PropagationOutcome = {
    placed: cuboids.length,
    stoppedAtFrame: flagged ? flagged.frameIndex : null,
    reason: flagged ? last!.needsReview! : cuboids.length < ordered.length ? "a human box" : null,
  };
  // Every box the worker was unsure of is flagged: the stop, and frames it coasted through (occlusions).
  const unsure = cuboids.flatMap((c, i) =>
    ordered[i]!.needsReview ? [[c.id, ordered[i]!.needsReview!] as const] : [],
  );
  editor.store.update((s) => {
    const needsReview = new Map(s.needsReview);
    for (const c of cuboids) needsReview.delete(c.id);
    for (const [id, reason] of unsure) needsReview.set(id, reason);
    const where = flagged
      ? `stopped at frame ${flagged.frameIndex + 1} (${outcome.reason}): check it`
      : outcome.reason
        ? `stopped before a human box at frame ${ordered[cuboids.length]!.frameIndex + 1}`
        : "reached the end of the sequence";
    const coasted = unsure.length - (flagged ? 1 : 0);
    const check = coasted > 0 ? `; ${coasted} predicted through occlusion, flagged` : "";
    return { needsReview, notice: `Propagated ${direction}: ${cuboids.length} boxes, ${where}${check}` };
  });
  return outcome;
}
