// A worker thread running a TypeScript module (plain .mjs: Node 20 workers cannot load .ts through
// `--import tsx`; registering tsx here first can). workerData.entry: the module's file URL.
import { workerData } from "node:worker_threads";
import { register } from "tsx/esm/api";

register();
await import(workerData.entry);
