/// <reference path="./comlinkNodeAdapter.d.ts" />
import { Worker } from "node:worker_threads";
import * as Comlink from "comlink";
import nodeEndpoint from "comlink/dist/esm/node-adapter.mjs";

/** A module running in a worker thread, called through comlink; close() ends the thread. */
export interface TsWorker<T> {
  api: Comlink.Remote<T>;
  close(): Promise<void>;
}

/**
 * Starts `entry` (a .ts module that serves its API with exposeToParent)
 * in a worker thread. For CPU-heavy job steps: run on the server's own thread they stall every
 * request (one ego-motion step holds it 0.6 s of CPU). A thread that dies fails the pending calls
 * with its error instead of leaving them waiting.
 */
export function startTsWorker<T>(entry: URL): TsWorker<T> {
  const worker = new Worker(new URL("./tsWorker.mjs", import.meta.url), {
    workerData: { entry: entry.href },
  });
  const api = Comlink.wrap<T>(nodeEndpoint(worker));
  let exited = false;
  const died = new Promise<never>((_, reject) => {
    worker.once("error", (e) =>
      reject(new Error(`the worker thread running ${entry.pathname} failed: ${e.message}`)),
    );
    worker.once("exit", (code) => {
      exited = true;
      reject(new Error(`the worker thread running ${entry.pathname} exited (${code})`));
    });
  });
  died.catch(() => {});
  const guarded = new Proxy(api as object, {
    get(target, key, receiver) {
      const member = Reflect.get(target, key, receiver);
      if (typeof key !== "string" || key === "then" || typeof member !== "function") return member;
      return (...args: unknown[]) => Promise.race([member(...args), died]);
    },
  }) as Comlink.Remote<T>;
  return {
    api: guarded,
    async close() {
      api[Comlink.releaseProxy]();
      if (!exited) await worker.terminate();
    },
  };
}
