import { useCallback, useState } from "react";
import type { JobRecord } from "../../core/api/jobRecord";
import { useTranslation } from "react-i18next";
import type { SequenceSummary } from "../../core/model/Sequence";
import type { ExportJob } from "../../server/export/createExportJobs";
import { EXPORT_FORMATS } from "../../core/api/exportFormats";
import { ApiError, apiFetch } from "../app/api";
import { exportFormatLabel } from "../i18n/codeLabels";
import { errorMessage } from "../i18n/errorMessage";
import { JobProgress } from "./JobProgress";

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

/**
 * Rename, delete (with the name typed as confirmation), export and pre-label one sequence;
 * `onChanged` reloads the list. Exports and pre-label runs are queued jobs: progress, cancel and
 * retry here, whichever server runs them.
 */
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
  const [prelabel, setPrelabel] = useState<JobRecord | null>(null);
  const base = `/api/sequences/${encodeURIComponent(sequence.id)}`;
  const guarded = (f: () => Promise<void>) => () => {
    setError(null);
    f().catch((e: unknown) => setError(errorMessage(e)));
  };
  const showError = useCallback((e: unknown) => setError(errorMessage(e)), []);
  const followPrelabel = useCallback(
    (j: JobRecord) => {
      setPrelabel(j);
      // New machine boxes change the per-model counts shown beside the list.
      if (j.state === "done") onChanged();
    },
    [onChanged],
  );
  const busy = (j: { state: string } | null) => j?.state === "queued" || j?.state === "running";
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
        data-testid="export-start"
        disabled={busy(job)}
        onClick={guarded(async () => setJob(await call(`${base}/exports`, json("POST", { format }))))}
      >
        {t("sequences.export")}
      </button>
      {job && (
        <JobProgress
          job={job}
          pollUrl={`/api/exports/${job.jobId}`}
          onChange={setJob}
          onError={showError}
          testId="export-progress"
        />
      )}
      {job?.state === "done" && (
        <a data-testid="export-download" href={`/api/exports/${job.jobId}/download`} download>
          {t("sequences.download", { file: `${job.format}.zip` })}
        </a>
      )}
      {job?.state === "done" && (job.result?.uncheckedPredictions ?? 0) > 0 && (
        <span className="muted" data-testid="export-unchecked">
          {" "}
          {t("sequences.exportUnchecked", { count: job.result?.uncheckedPredictions ?? 0 })}
        </span>
      )}{" "}
      <button
        type="button"
        data-testid="prelabel-start"
        disabled={busy(prelabel)}
        onClick={guarded(async () => setPrelabel(await call(`${base}/prelabel-jobs`, json("POST", {}))))}
      >
        {t("jobs.prelabel")}
      </button>
      {prelabel && (
        <JobProgress
          job={prelabel}
          pollUrl={`/api/jobs/${prelabel.jobId}`}
          onChange={followPrelabel}
          onError={showError}
          testId="prelabel-progress"
        />
      )}
      {prelabel?.state === "done" && (
        <span className="muted" data-testid="prelabel-done">
          {t("jobs.prelabelDone", { count: (prelabel.result as { added?: number } | null)?.added ?? 0 })}
        </span>
      )}
      {error && (
        <span className="error" role="alert">
          {" "}
          {error}
        </span>
      )}
    </span>
  );
}
