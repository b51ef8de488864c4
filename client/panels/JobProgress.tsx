import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import type { JobRecord } from "../../core/api/jobRecord";
import { apiFetch } from "../app/api";

/** What the progress row needs of a job: the queue's record, or an export's view of it. */
export type JobLike = Pick<JobRecord, "jobId" | "state" | "done" | "total"> & { message?: string | null };

const active = (job: JobLike) => job.state === "queued" || job.state === "running";
/** Polling interval: a frame of an export takes ~10 ms, of a pre-label run ~0.5 s. */
const POLL_MS = 400;

/**
 * A queued job's progress bar while it waits or runs, with Cancel; its message with Retry once it
 * failed or was cancelled. Polls `pollUrl` (any server answers) and hands every new state to
 * `onChange`; cancel and retry go to /api/jobs/:jobId.
 */
export function JobProgress<J extends JobLike>({
  job,
  pollUrl,
  onChange,
  onError,
  testId,
}: {
  job: J;
  pollUrl: string;
  onChange: (job: J) => void;
  onError: (e: unknown) => void;
  testId: string;
}) {
  const { t } = useTranslation();
  useEffect(() => {
    if (!active(job)) return;
    const timer = setTimeout(() => {
      apiFetch(pollUrl)
        .then(async (res) =>
          res.ok ? onChange((await res.json()) as J) : onError(new Error(res.statusText)),
        )
        .catch(onError);
    }, POLL_MS);
    return () => clearTimeout(timer);
  }, [job, pollUrl, onChange, onError]);
  const act = (what: "cancel" | "retry") => () => {
    apiFetch(`/api/jobs/${encodeURIComponent(job.jobId)}/${what}`, { method: "POST" })
      .then(async (res) => {
        const next = (await res.json()) as JobRecord;
        onChange({ ...job, state: next.state, done: next.done, total: next.total, message: next.message });
      })
      .catch(onError);
  };
  if (active(job))
    return (
      <span data-testid={testId} data-state={job.state}>
        {" "}
        <progress data-testid={`${testId}-bar`} max={job.total || 1} value={job.done} />{" "}
        <span className="muted">
          {job.state === "queued"
            ? t("jobs.queued")
            : t("jobs.progress", { done: job.done, total: job.total })}
        </span>{" "}
        <button type="button" data-testid={`${testId}-cancel`} onClick={act("cancel")}>
          {t("jobs.cancel")}
        </button>
      </span>
    );
  if (job.state === "failed" || job.state === "cancelled")
    return (
      <span data-testid={testId} data-state={job.state}>
        {" "}
        <span className={job.state === "failed" ? "error" : "muted"}>
          {job.state === "failed" ? t("jobs.failed", { reason: job.message ?? "" }) : t("jobs.cancelled")}
        </span>{" "}
        <button type="button" data-testid={`${testId}-retry`} onClick={act("retry")}>
          {t("jobs.retry")}
        </button>
      </span>
    );
  return null;
}
