import { sameRecord } from "../AnnotationDiff";
import { applyDiff, diffPut } from "../applyDiff";
import type { Editor } from "../createEditor";
import { t } from "../../i18n/i18n";
import { reviewReasonLabel } from "../../i18n/codeLabels";
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
  editor.store.update({
    notice: t(direction === "forward" ? "notices.propagatingForward" : "notices.propagatingBackward"),
  });
  let results: Awaited<ReturnType<NonNullable<typeof editor.fit.propagate>>>;
  try {
    results = await editor.fit.propagate(
      { frameIndex: seed.frameIndex, box: { centerM: seed.centerM, size: seed.size, yawRad: seed.yawRad } },
      direction,
    );
  } catch (e) {
    editor.store.update({ notice: t("notices.propagationFailed", { detail: (e as Error).message }) });
    return null;
  }
  const now = editor.store.get().cuboids.get(seed.id);
  if (!now || !sameRecord(now, seed)) {
    editor.store.update({ notice: t("notices.propagationDropped") });
    return null;
  }
  const ordered = [...results].sort(
    (a, b) => Math.abs(a.frameIndex - seed.frameIndex) - Math.abs(b.frameIndex - seed.frameIndex),
  );
  const cuboids = machineCuboids(editor, seed, ordered, "propagated");
  applyDiff(editor, diffPut(editor, cuboids), "user");
  const stopReason = ordered[cuboids.length - 1]?.needsReview;
  const flagged = stopReason ? (cuboids[cuboids.length - 1] ?? null) : null;
  const outcome: PropagationOutcome = {
    placed: cuboids.length,
    stoppedAtFrame: flagged ? flagged.frameIndex : null,
    reason: flagged && stopReason ? stopReason : cuboids.length < ordered.length ? "a human box" : null,
  };
  // Every box the worker was unsure of is flagged: the stop, and frames it coasted through (occlusions).
  const unsure = cuboids.flatMap((c, i) => {
    const reason = ordered[i]?.needsReview;
    return reason ? [[c.id, reason] as const] : [];
  });
  const humanBox = ordered[cuboids.length];
  editor.store.update((s) => {
    const needsReview = new Map(s.needsReview);
    for (const c of cuboids) needsReview.delete(c.id);
    for (const [id, reason] of unsure) needsReview.set(id, reason);
    const where = flagged
      ? t("notices.stoppedAt", {
          frame: flagged.frameIndex + 1,
          reason: reviewReasonLabel(outcome.reason ?? ""),
        })
      : outcome.reason && humanBox
        ? t("notices.stoppedBeforeHuman", { frame: humanBox.frameIndex + 1 })
        : t("notices.reachedEnd");
    const coasted = unsure.length - (flagged ? 1 : 0);
    const check = coasted > 0 ? t("notices.coasted", { count: coasted }) : "";
    const done = t(direction === "forward" ? "notices.propagatedForward" : "notices.propagatedBackward", {
      count: cuboids.length,
    });
    return { needsReview, notice: `${done}${where}${check}` };
  });
  return outcome;
}
