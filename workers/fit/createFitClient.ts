import * as Comlink from "comlink";
import type { PointCloud } from "../../core/pointcloud/PointCloud";
import type { FitApi } from "./createFitApi";

export interface FitClient {
  /** The worker's API (see createFitApi); every call is async. */
  api: Comlink.Remote<FitApi>;
  /**
   * Hands a frame to the worker. Positions are transferred, not cloned; pass `keep: true` to
   * transfer a copy instead when the caller still draws from the array.
   */
  setFrame(
    frameKey: string,
    cloud: Pick<PointCloud, "pointCount" | "positions" | "originM">,
    keep?: boolean,
  ): Promise<void>;
  dispose(): void;
}

/** Starts the fit worker (browser/Vite). `createWorker` is injectable so tests can use another endpoint. */
export function createFitClient(
  createWorker: () => Worker = () =>
    new Worker(new URL("../fit.worker.ts", import.meta.url), { type: "module" }),
): FitClient {
  const worker = createWorker();
  const api = Comlink.wrap<FitApi>(worker);
  return {
    api,
    setFrame(frameKey, cloud, keep = false) {
      const positions = keep ? cloud.positions.slice() : cloud.positions;
      const payload = { pointCount: cloud.pointCount, positions, originM: cloud.originM };
      return api.setFrame(frameKey, Comlink.transfer(payload, [positions.buffer as ArrayBuffer]));
    },
    dispose() {
      api[Comlink.releaseProxy]();
      worker.terminate();
    },
  };
}
