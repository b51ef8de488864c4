import { useTranslation } from "react-i18next";
import { useEditorState } from "../../app/useEditorState";
import {
  acceptAndRefitPrediction,
  acceptPrediction,
  rejectPrediction,
  stepPrediction,
} from "../../editor/commands/predictions";
import type { Editor } from "../../editor/createEditor";
import {
  isHiddenPrediction,
  isPendingPrediction,
  predictionQueue,
  selectedCuboid,
} from "../../editor/selectors";
import { formatFixed } from "../../i18n/format";
import { ImportPredictions } from "./ImportPredictions";

/**
 * The model pre-labels of the sequence: the score threshold (boxes under it hidden, not
 * deleted), the queue of predictions waiting for a person (lowest score first) with the same
 * steps as the keys J / H / Shift+H / L, and the import of a model's output.
 */
export function PredictionPanel({
  editor,
  sequenceId,
  taskId,
}: {
  editor: Editor;
  sequenceId: string;
  taskId: string | null;
}) {
  const { t } = useTranslation();
  const minScore = useEditorState(editor, (s) => s.predictionMinScore);
  const queueLength = useEditorState(editor, (s) => predictionQueue(s).length);
  const hidden = useEditorState(editor, (s) => {
    let n = 0;
    for (const c of s.cuboids.values()) if (isHiddenPrediction(c, s.predictionMinScore)) n++;
    return n;
  });
  const selected = useEditorState(editor, (s) => {
    const c = selectedCuboid(s);
    return c && isPendingPrediction(c) ? c : null;
  });
  return (
    <section className="prediction-panel" data-testid="prediction-panel">
      <header>
        <strong>{t("predictions.title")}</strong>{" "}
        <span data-testid="prediction-pending" data-count={queueLength}>
          {t("predictions.pending", { count: queueLength })}
        </span>
        {hidden > 0 && <span className="muted"> · {t("predictions.hidden", { count: hidden })}</span>}
      </header>
      <label className="prediction-threshold">
        {t("predictions.threshold")}{" "}
        <input
          type="range"
          min={0}
          max={1}
          step={0.05}
          value={minScore}
          data-testid="prediction-threshold"
          onChange={(e) => editor.store.update({ predictionMinScore: Number(e.target.value) })}
        />{" "}
        <output>{formatFixed(minScore, 2)}</output>
      </label>
      {selected?.prediction && (
        <p data-testid="prediction-selected" data-score={selected.prediction.score}>
          {t("predictions.selected", {
            model: selected.prediction.model,
            version: selected.prediction.version,
            score: formatFixed(selected.prediction.score, 2),
          })}
        </p>
      )}
      <div className="prediction-steps">
        <button type="button" onClick={() => stepPrediction(editor, -1)}>
          {t("predictions.previous")} <kbd>⇧J</kbd>
        </button>
        <button type="button" onClick={() => stepPrediction(editor, 1)}>
          {t("predictions.next")} <kbd>J</kbd>
        </button>
        <button type="button" disabled={!selected} onClick={() => acceptPrediction(editor)}>
          {t("predictions.accept")} <kbd>H</kbd>
        </button>
        <button type="button" disabled={!selected} onClick={() => void acceptAndRefitPrediction(editor)}>
          {t("predictions.acceptRefit")} <kbd>⇧H</kbd>
        </button>
        <button type="button" disabled={!selected} onClick={() => rejectPrediction(editor)}>
          {t("predictions.reject")} <kbd>L</kbd>
        </button>
      </div>
      <ImportPredictions sequenceId={sequenceId} taskId={taskId} />
    </section>
  );
}
