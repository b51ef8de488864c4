import { decodePointCloud } from "../../workers/decode/decodePointCloud";
import type { FrameLoader, LoadedPoints } from "./frameLoader";

/**
 * TEMPORARY until workers/pool/createPointCloudPool lands: fetches and decodes on the main thread
 * with the project's decoder (workers/decode), no decimation, a small cache. The workspace only
 * sees the FrameLoader interface, so swapping in the worker pool changes this file alone.
 */
export async function createFrameLoader(): Promise<FrameLoader> {
  const cache = new Map<string, Promise<LoadedPoints>>();
  const CACHE_FRAMES = 8;
  const get = (url: string, signal?: AbortSignal): Promise<LoadedPoints> => {
    let p = cache.get(url);
    if (!p) {
      p = fetch(url, { signal }).then(async (res) => {
        if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
        const { cloud } = decodePointCloud(new Uint8Array(await res.arrayBuffer()), url);
        const intensity = cloud.attributes.intensity?.values;
        return {
          pointCount: cloud.pointCount,
          displayCount: cloud.pointCount,
          positions: cloud.positions,
          intensity:
            intensity instanceof Float32Array
              ? intensity
              : intensity
                ? Float32Array.from(intensity)
                : undefined,
          originM: cloud.originM,
        };
      });
      p.catch(() => cache.delete(url));
      cache.set(url, p);
      while (cache.size > CACHE_FRAMES) cache.delete(cache.keys().next().value!);
    }
    return p;
  };
  return {
    load: (url, opts) => get(url, opts?.signal),
    prefetch: (urls) => {
      for (const u of urls) get(u).catch(() => {});
    },
    dispose: () => cache.clear(),
  };
}
