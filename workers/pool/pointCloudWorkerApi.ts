import { transfer } from "comlink";
import { computeBounds } from "../decode/computeBounds";
import { decodePointCloudAsync } from "../decode/decodePointCloudAsync";
import type { LazPerfLoader } from "../decode/las/decodeLaz";
import { PointCloudDecodeError } from "../decode/PointCloudDecodeError";
import { decimatePointCloud } from "../decimate/decimatePointCloud";
import { createArrayPool } from "./createArrayPool";
import { frameBuffers, type LoadedFrame } from "./LoadedFrame";

/** A decode failure as plain data: comlink keeps only an Error's message, these fields survive. */
export interface DecodeFailure {
  file: string;
  byteOffset: number;
  reason: string;
}

export type LoadOutcome = { ok: true; frame: LoadedFrame } | { ok: false; failure: DecodeFailure };

export interface PointCloudWorkerApi {
  /** Fetches, decodes and decimates `url`; every array of the frame is transferred, not cloned. */
  load(url: string, displayBudget: number, requestId: number): Promise<LoadOutcome>;
  /** Aborts the fetch (and skips the decode) of a request the client no longer wants. */
  cancel(requestId: number): void;
  /** Buffers of evicted frames, transferred back for reuse. */
  release(buffers: ArrayBuffer[]): void;
}

export interface WorkerApiDeps {
  fetch?: typeof fetch;
  lazPerf?: LazPerfLoader;
}

/** What decode.worker.ts exposes; pure apart from fetch, so it is tested without a worker. */
export function createPointCloudWorkerApi(deps: WorkerApiDeps = {}): PointCloudWorkerApi {
  const fetchBytes = deps.fetch ?? ((input: string, init?: RequestInit) => fetch(input, init));
  const pool = createArrayPool();
  const inFlight = new Map<number, AbortController>();
  return {
    async load(url, displayBudget, requestId) {
      const controller = new AbortController();
      inFlight.set(requestId, controller);
      try {
        const response = await fetchBytes(url, { signal: controller.signal });
        if (!response.ok) {
          return {
            ok: false,
            failure: { file: url, byteOffset: 0, reason: `HTTP ${response.status} ${response.statusText}` },
          };
        }
        const bytes = new Uint8Array(await response.arrayBuffer());
        controller.signal.throwIfAborted();
        const result = await decodePointCloudAsync(bytes, url, {
          allocate: pool.allocate,
          lazPerf: deps.lazPerf,
        });
        const capacity = Math.min(result.cloud.pointCount, displayBudget);
        const display = decimatePointCloud(result.cloud, {
          budget: displayBudget,
          positions: pool.allocate("f32", capacity * 3) as Float32Array,
          intensity: result.cloud.attributes.intensity
            ? (pool.allocate("f32", capacity) as Float32Array)
            : undefined,
        });
        const frame: LoadedFrame = {
          url,
          pointCount: result.cloud.pointCount,
          displayCount: display.pointCount,
          positions: display.positions,
          intensity: display.intensity,
          originM: result.cloud.originM,
          bounds: computeBounds(result.cloud.positions),
          full: result.cloud,
          format: result.format,
          warnings: result.warnings,
        };
        return transfer({ ok: true, frame } as const, frameBuffers(frame));
      } catch (error) {
        if (error instanceof PointCloudDecodeError) {
          return {
            ok: false,
            failure: { file: error.file, byteOffset: error.byteOffset, reason: error.reason },
          };
        }
        throw error;
      } finally {
        inFlight.delete(requestId);
      }
    },
    cancel(requestId) {
      inFlight.get(requestId)?.abort();
    },
    release(buffers) {
      for (const buffer of buffers) pool.release(buffer);
    },
  };
}
