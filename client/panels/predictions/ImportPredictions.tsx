import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { PredictionImportResult } from "../../../core/api/predictions";
import { PREDICTION_FORMATS } from "../../../core/formats/PredictionFile";
import { ApiError, apiFetch } from "../../app/api";
import { errorMessage, errorReply } from "../../i18n/errorMessage";

const FORMAT_LABEL_KEYS = {
  auto: "predictions.formatAuto",
  native: "predictions.formatNative",
  nuscenes: "predictions.formatNuscenes",
  kitti: "predictions.formatKitti",
} as const;

/**
 * Uploads a model's output (POST /api/sequences/:id/predictions) as pre-labels of the sequence,
 * or of the task's frames when the workspace is on a task. The boxes arrive through the live
 * stream like anyone's edit.
 */
export function ImportPredictions({ sequenceId, taskId }: { sequenceId: string; taskId: string | null }) {
  const { t } = useTranslation();
  const [files, setFiles] = useState<File[]>([]);
  const [model, setModel] = useState("");
  const [format, setFormat] = useState<"auto" | (typeof PREDICTION_FORMATS)[number]>("auto");
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const submit = async () => {
    setBusy(true);
    setError(null);
    setNote(null);
    try {
      const form = new FormData();
      for (const f of files) form.append("file", f, f.name);
      const query = new URLSearchParams({ model, format, ...(taskId ? { taskId } : {}) });
      const url = `/api/sequences/${encodeURIComponent(sequenceId)}/predictions?${query}`;
      const res = await apiFetch(url, { method: "POST", body: form });
      if (!res.ok) {
        const reply = errorReply(await res.text());
        throw new ApiError(url, res.status, reply.message, reply.code);
      }
      const r = (await res.json()) as PredictionImportResult;
      setNote(
        t("predictions.imported", {
          added: r.added,
          replaced: r.replaced,
          kept: r.keptTouched,
          overlap: r.skippedOverlap,
        }),
      );
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      className="prediction-import"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <strong>{t("predictions.importTitle")}</strong>
      <label>
        {t("predictions.files")}{" "}
        <input
          type="file"
          multiple
          data-testid="prediction-files"
          onChange={(e) => setFiles([...(e.target.files ?? [])])}
        />
      </label>
      <label>
        {t("predictions.model")}{" "}
        <input
          type="text"
          data-testid="prediction-model"
          value={model}
          placeholder={t("predictions.modelPlaceholder")}
          onChange={(e) => setModel(e.target.value)}
        />
      </label>
      <label>
        {t("predictions.format")}{" "}
        <select value={format} onChange={(e) => setFormat(e.target.value as typeof format)}>
          {(["auto", ...PREDICTION_FORMATS] as const).map((f) => (
            <option key={f} value={f}>
              {t(FORMAT_LABEL_KEYS[f])}
            </option>
          ))}
        </select>
      </label>
      <button
        type="submit"
        data-testid="prediction-import"
        disabled={busy || files.length === 0 || !model.includes("@")}
      >
        {busy ? t("predictions.importing") : t("predictions.import")}
      </button>
      {note && <p data-testid="prediction-imported">{note}</p>}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
