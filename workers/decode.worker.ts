/// <reference types="vite/client" />
// Thin adapter: the pool's worker. All logic lives in pool/pointCloudWorkerApi.ts.
import { expose } from "comlink";
import lazPerfWasmUrl from "laz-perf/lib/web/laz-perf.wasm?url";
import type { LazPerfModule } from "./decode/las/decodeLaz";
import { createPointCloudWorkerApi } from "./pool/pointCloudWorkerApi";

type CreateLazPerf = (module: { locateFile: (path: string) => string }) => Promise<LazPerfModule>;

const api = createPointCloudWorkerApi({
  // The bundled (browser) laz-perf must be told where Vite put its .wasm.
  lazPerf: async () => {
    const { createLazPerf } = (await import("laz-perf")) as unknown as { createLazPerf: CreateLazPerf };
    return createLazPerf({ locateFile: (path) => (path.endsWith(".wasm") ? lazPerfWasmUrl : path) });
  },
});
// `self` as the endpoint: @vitest/web-worker needs it, browsers accept it.
expose(api, self);
