import { useEffect, useState } from "react";
import type { SequenceSummary } from "../../core/model/Sequence";
import type { ExportJob } from "../../server/export/createExportJobs";
import { EXPORT_FORMATS } from "../../core/api/exportFormats";
import { apiFetch } from "../app/api";

const call = async (url: string, init: RequestInit = {}) => {
  const res = await apiFetch(url, init);
  const body = await res.json();
  if (!res.ok) throw new Error(body.message ?? `HTTP ${res.status}`);
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
  const [error, setError] = useState<string | null>(null);
  const [format, setFormat] = useState<(typeof EXPORT_FORMATS)[number]>("openlabel");
  const [job, setJob] = useState<ExportJob | null>(null);
  const base = `/api/sequences/${encodeURIComponent(sequence.id)}`;
  const guarded = (f: () => Promise<void>) => () => {
    setError(null);
    f().catch((e: Error) => setError(e.message));
  };
  useEffect(() => {
    if (job?.state !== "running") return;
    const timer = setTimeout(() => {
      call(`/api/exports/${job.jobId}`).then(setJob, (e: Error) => setError(e.message));
    }, 300);
    return () => clearTimeout(timer);
  }, [job]);

  return (
    <span className="sequence-actions">
      <button
        type="button"
        onClick={guarded(async () => {
          const name = window.prompt("New name", sequence.name);
          if (name === null) return;
          await call(base, json("PATCH", { name }));
          onChanged();
        })}
      >
        Rename
      </button>
      <button
        type="button"
        onClick={guarded(async () => {
          const typed = window.prompt(
            `Delete “${sequence.name}” with its labels and files? Type its name to confirm.`,
          );
          if (typed === null) return;
          await call(`${base}?confirm=${encodeURIComponent(typed)}`, { method: "DELETE" });
          onChanged();
        })}
      >
        Delete
      </button>{" "}
      <select
        value={format}
        onChange={(e) => setFormat(e.target.value as typeof format)}
        aria-label="Export format"
      >
        {EXPORT_FORMATS.map((f) => (
          <option key={f}>{f}</option>
        ))}
      </select>
      <button
        type="button"
        disabled={job?.state === "running"}
        onClick={guarded(async () => setJob(await call(`${base}/exports`, json("POST", { format }))))}
      >
        Export
      </button>
      {job?.state === "running" && (
        <progress data-testid="export-progress" max={job.total || 1} value={job.done} />
      )}
      {job?.state === "done" && (
        <a data-testid="export-download" href={`/api/exports/${job.jobId}/download`} download>
          Download {job.format}.zip
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
