/// <reference path="./comlinkNodeAdapter.d.ts" />
import { parentPort } from "node:worker_threads";
import * as Comlink from "comlink";
import nodeEndpoint from "comlink/dist/esm/node-adapter.mjs";

/** Serves `api` to the thread that started this worker (startTsWorker's other half). */
export function exposeToParent(api: object): void {
  if (!parentPort) throw new Error("exposeToParent: not running in a worker thread");
  Comlink.expose(api, nodeEndpoint(parentPort));
}
