import { type Remote, releaseProxy, transfer, wrap } from "comlink";
import { DEFAULT_DISPLAY_BUDGET } from "../decimate/decimatePointCloud";
import { PointCloudDecodeError } from "../decode/PointCloudDecodeError";
import { frameBuffers, frameBytes, type LoadedFrame } from "./LoadedFrame";
import { LruByteCache } from "./LruByteCache";
import type { PointCloudWorkerApi } from "./pointCloudWorkerApi";
import { must } from "../../core/model/must";

export interface PointCloudPoolOptions {
  /** Decode workers (default: cores − 1, at least 1, at most 4). */
  workerCount?: number;
  /** Bytes of decoded frames kept (default 768 MiB); least recently used frames go first. */
  cacheBytes?: number;
  /** Most points per frame in the display arrays (default 1.5 M). */
  displayBudget?: number;
  /** Makes one worker; tests inject their own. */
  createWorker?: () => Worker;
}

export interface PointCloudPool {
  /**
   * The frame at `url`, from the cache or a worker. The frame stays valid while it is cached; the
   * latest frame `load` resolved is never evicted. Aborting `signal` rejects with an AbortError
   * and cancels the fetch unless a prefetch still wants it. Bad files reject with a
   * PointCloudDecodeError.
   */
  load(url: string, options?: { signal?: AbortSignal }): Promise<LoadedFrame>;
  /** Loads these into the cache in the background (neighbours of the current frame); in-flight prefetches not listed are cancelled. */
  prefetch(urls: string[]): void;
  dispose(): void;
}

interface Job {
  requestId: number;
  worker: number;
  promise: Promise<LoadedFrame>;
  /** load() callers still waiting. */
  waiting: number;
  /** Wanted by the latest prefetch(). */
  prefetched: boolean;
}

const abortError = () => new DOMException("The frame load was aborted", "AbortError");

/**
 * A pool of decode workers behind comlink. Workers fetch, decode and decimate; every array comes
 * back transferred; evicted frames' buffers are transferred back to the worker that made them
 * for reuse, so a warm pool allocates no large buffers per frame.
 */
export function createPointCloudPool(options: PointCloudPoolOptions = {}): PointCloudPool {
  const cores = typeof navigator !== "undefined" ? (navigator.hardwareConcurrency ?? 2) : 2;
  const count = Math.max(1, options.workerCount ?? Math.min(4, cores - 1));
  const budget = options.displayBudget ?? DEFAULT_DISPLAY_BUDGET;
  const makeWorker =
    options.createWorker ??
    (() => new Worker(new URL("../decode.worker.ts", import.meta.url), { type: "module" }));
  const workers = Array.from({ length: count }, () => {
    const worker = makeWorker();
    return { worker, api: wrap<PointCloudWorkerApi>(worker) as Remote<PointCloudWorkerApi>, busy: 0 };
  });
  const origin = new Map<string, number>();
  let pinned: string | undefined;
  const cache = new LruByteCache<LoadedFrame>(
    options.cacheBytes ?? 768 * 1024 * 1024,
    (url, frame) => {
      const buffers = frameBuffers(frame);
      const w = workers[origin.get(url) ?? 0];
      origin.delete(url);
      if (w && !disposed) void w.api.release(transfer(buffers, buffers)).catch(() => {});
    },
    (url) => url === pinned,
  );
  const jobs = new Map<string, Job>();
  let nextRequestId = 1;
  let disposed = false;

  function start(url: string): Job {
    let index = 0;
    for (const [i, candidate] of workers.entries())
      if (candidate.busy < (workers[index]?.busy ?? Infinity)) index = i;
    const w = must(workers[index], "a worker of the pool");
    const requestId = nextRequestId++;
    w.busy++;
    const promise = w.api.load(url, budget, requestId).then(
      (outcome) => {
        w.busy--;
        if (!outcome.ok) {
          if (jobs.get(url)?.requestId === requestId) jobs.delete(url);
          const f = outcome.failure;
          throw new PointCloudDecodeError(f.file, f.byteOffset, f.reason);
        }
        if (disposed) throw abortError();
        origin.set(url, index);
        // A frame a load() awaits becomes the pinned one before it enters the cache, so making
        // room never evicts the frame about to be shown.
        const job = jobs.get(url);
        if (job?.requestId === requestId && job.waiting > 0) pinned = url;
        cache.set(url, outcome.frame, frameBytes(outcome.frame));
        if (jobs.get(url)?.requestId === requestId) jobs.delete(url);
        return outcome.frame;
      },
      (error: unknown) => {
        w.busy--;
        if (jobs.get(url)?.requestId === requestId) jobs.delete(url);
        throw error;
      },
    );
    // Prefetches nobody awaits must not surface as unhandled rejections.
    promise.catch(() => {});
    const job: Job = { requestId, worker: index, promise, waiting: 0, prefetched: false };
    jobs.set(url, job);
    return job;
  }

  function cancel(url: string, job: Job): void {
    jobs.delete(url);
    void workers[job.worker]?.api.cancel(job.requestId);
  }

  return {
    load(url, { signal } = {}) {
      if (disposed) return Promise.reject(new Error("the point-cloud pool is disposed"));
      if (signal?.aborted) return Promise.reject(abortError());
      const cached = cache.get(url);
      if (cached) {
        pinned = url;
        return Promise.resolve(cached);
      }
      const job = jobs.get(url) ?? start(url);
      job.waiting++;
      return new Promise<LoadedFrame>((resolve, reject) => {
        const onAbort = () => {
          job.waiting--;
          if (job.waiting === 0 && !job.prefetched && jobs.get(url) === job) cancel(url, job);
          reject(abortError());
        };
        signal?.addEventListener("abort", onAbort, { once: true });
        job.promise.then(
          (frame) => {
            signal?.removeEventListener("abort", onAbort);
            if (signal?.aborted) return;
            job.waiting--;
            pinned = url;
            resolve(frame);
          },
          (error: unknown) => {
            signal?.removeEventListener("abort", onAbort);
            if (signal?.aborted) return;
            job.waiting--;
            reject(error);
          },
        );
      });
    },
    prefetch(urls) {
      if (disposed) return;
      const wanted = new Set(urls);
      for (const [url, job] of jobs) {
        if (job.prefetched && !wanted.has(url)) {
          job.prefetched = false;
          if (job.waiting === 0) cancel(url, job);
        }
      }
      for (const url of urls) {
        if (cache.has(url)) continue;
        const job = jobs.get(url) ?? start(url);
        job.prefetched = true;
      }
    },
    dispose() {
      if (disposed) return;
      disposed = true;
      for (const [url, job] of jobs) cancel(url, job);
      cache.clear();
      for (const w of workers) {
        w.api[releaseProxy]();
        w.worker.terminate();
      }
    },
  };
}
