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

const exportJobs = new Gauge({
  name: "cuboidal_export_jobs",
  help: "Export jobs in this process's queue that are still running",
  registers: [metricsRegistry],
});
/** The export queue calls these as a job starts and ends. */
export const exportJobStarted = () => exportJobs.inc();
export const exportJobEnded = () => exportJobs.dec();
