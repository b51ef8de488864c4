import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";

/**
 * The process's Prometheus metrics, served at GET /metrics (createOpsRoutes). One registry per
 * process: every app in it adds to the same series, as every request of one server does.
 */
export const metricsRegistry = new Registry();
collectDefaultMetrics({ register: metricsRegistry, prefix: "cuboidal_" });

export const httpRequests = new Counter({
  name: "cuboidal_http_requests_total",
  help: "HTTP requests by method, route pattern and status",
  labelNames: ["method", "route", "status"] as const,
  registers: [metricsRegistry],
});

export const httpDuration = new Histogram({
  name: "cuboidal_http_request_duration_seconds",
  help: "Time from request to response headers, by method and route pattern",
  labelNames: ["method", "route"] as const,
  // Saves take ~5–50 ms under load; frame downloads up to seconds.
  buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers: [metricsRegistry],
});

const batches = new Counter({
  name: "cuboidal_batches_total",
  help: "Annotation batches by outcome: accepted (saved), conflict (409), invalid (400)",
  labelNames: ["outcome"] as const,
  registers: [metricsRegistry],
});
/** Counts one annotation batch by its outcome (the batch route calls it). */
export const recordBatch = (outcome: "accepted" | "conflict" | "invalid") => batches.inc({ outcome });

const liveConnections = new Gauge({
  name: "cuboidal_live_connections",
  help: "Open live-update connections (SSE/WebSocket) on this process",
  registers: [metricsRegistry],
});
/**
 * HOOK for the live-update code: call when a live connection opens; call the function it returns
 * (once) when that connection closes. Keeps cuboidal_live_connections.
 */
export function liveConnectionOpened(): () => void {
  liveConnections.inc();
  let closed = false;
  return () => {
    if (closed) return;
    closed = true;
    liveConnections.dec();
  };
}

const jobsRunning = new Gauge({
  name: "cuboidal_jobs_running",
  help: "Jobs this process is running now, by queue (export, prelabel)",
  labelNames: ["queue"] as const,
  registers: [metricsRegistry],
});
const jobsFinished = new Counter({
  name: "cuboidal_jobs_finished_total",
  help: "Jobs this process ran to an end, by queue and outcome (done, failed, cancelled)",
  labelNames: ["queue", "outcome"] as const,
  registers: [metricsRegistry],
});
const jobDuration = new Histogram({
  name: "cuboidal_job_duration_seconds",
  help: "Time a job ran on this process, by queue",
  labelNames: ["queue"] as const,
  // Exports of a tiny sequence take ~0.1 s; pre-labelling 500 frames of 120k points ~5 min.
  buckets: [0.1, 0.5, 1, 5, 15, 60, 300, 900, 3600],
  registers: [metricsRegistry],
});
/** The job queue calls this as one of its jobs starts here; the function it returns, once, as it ends. */
export function jobStarted(queue: string): (outcome: "done" | "failed" | "cancelled") => void {
  jobsRunning.inc({ queue });
  const end = jobDuration.startTimer({ queue });
  let ended = false;
  return (outcome) => {
    if (ended) return;
    ended = true;
    jobsRunning.dec({ queue });
    end();
    jobsFinished.inc({ queue, outcome });
  };
}

type JobCounts = () => Promise<Array<{ queue: string; state: string; n: number }>>;
let countJobs: JobCounts | undefined;
new Gauge({
  name: "cuboidal_jobs",
  help: "Jobs in the deployment's queue (all servers), by queue and pg-boss state, read at scrape time",
  labelNames: ["queue", "state"] as const,
  registers: [metricsRegistry],
  async collect() {
    this.reset();
    const rows = await countJobs?.().catch(() => []);
    for (const r of rows ?? []) this.set({ queue: r.queue, state: r.state }, r.n);
  },
});
/** The started job queue says how to count the deployment's jobs; the function it returns forgets it. */
export function watchJobCounts(count: JobCounts): () => void {
  countJobs = count;
  return () => {
    if (countJobs === count) countJobs = undefined;
  };
}
