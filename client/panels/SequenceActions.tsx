import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import type { SequenceSummary } from "../../core/model/Sequence";
import type { ExportJob } from "../../server/export/createExportJobs";
import { EXPORT_FORMATS } from "../../core/api/exportFormats";
import { ApiError, apiFetch } from "../app/api";
import { exportFormatLabel } from "../i18n/codeLabels";
import { errorMessage } from "../i18n/errorMessage";

const call = async (url: string, init: RequestInit = {}) => {
  const res = await apiFetch(url, init);
  const body = await res.json();
  if (!res.ok) throw new ApiError(url, res.status, body.message ?? "", body.error);
  return body;
};
const json = (method: string, body: unknown): RequestInit => ({
  method,
  headers: { "content-type": "application/json" },
  body: JSON.stringify(body),
});

/** Rename, delete (with the name typed as confirmation) and export one sequence; `onChanged` reloads the list. */
export function SequenceActions({
  sequence,
  onChanged,
}: {
  sequence: SequenceSummary;
  onChanged: () => void;
}) {
  const { t } = useTranslation();
  const [error, setError] = useState<string | null>(null);
  const [format, setFormat] = useState<(typeof EXPORT_FORMATS)[number]>("openlabel");
  const [job, setJob] = useState<ExportJob | null>(null);
  const base = `/api/sequences/${encodeURIComponent(sequence.id)}`;
  const guarded = (f: () => Promise<void>) => () => {
    setError(null);
    f().catch((e: unknown) => setError(errorMessage(e)));
  };
  useEffect(() => {
    if (job?.state !== "running") return;
    const timer = setTimeout(() => {
      call(`/api/exports/${job.jobId}`).then(setJob, (e: unknown) => setError(errorMessage(e)));
    }, 300);
    return () => clearTimeout(timer);
  }, [job]);

  return (
    <span className="sequence-actions">
      <button
        type="button"
        onClick={guarded(async () => {
          const name = window.prompt(t("sequences.newName"), sequence.name);
          if (name === null) return;
          await call(base, json("PATCH", { name }));
          onChanged();
        })}
      >
        {t("sequences.rename")}
      </button>
      <button
        type="button"
        onClick={guarded(async () => {
          const typed = window.prompt(t("sequences.deleteConfirm", { name: sequence.name }));
          if (typed === null) return;
          await call(`${base}?confirm=${encodeURIComponent(typed)}`, { method: "DELETE" });
          onChanged();
        })}
      >
        {t("common.delete")}
      </button>{" "}
      <select
        value={format}
        onChange={(e) => setFormat(e.target.value as typeof format)}
        aria-label={t("sequences.exportFormat")}
      >
        {EXPORT_FORMATS.map((f) => (
          <option key={f} value={f}>
            {exportFormatLabel(f)}
          </option>
        ))}
      </select>
      <button
        type="button"
        disabled={job?.state === "running"}
        onClick={guarded(async () => setJob(await call(`${base}/exports`, json("POST", { format }))))}
      >
        {t("sequences.export")}
      </button>
      {job?.state === "running" && (
        <progress data-testid="export-progress" max={job.total || 1} value={job.done} />
      )}
      {job?.state === "done" && (
        <a data-testid="export-download" href={`/api/exports/${job.jobId}/download`} download>
          {t("sequences.download", { file: `${job.format}.zip` })}
        </a>
      )}
      {job?.state === "failed" && <span className="error">{job.message}</span>}
      {error && (
        <span className="error" role="alert">
          {" "}
          {error}
        </span>
      )}
    </span>
  );
}
