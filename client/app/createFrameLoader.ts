import { createPointCloudPool } from "../../workers/pool/createPointCloudPool";
import type { FrameLoader } from "./frameLoader";

/**
 * Points drawn per frame on a software WebGL renderer (SwiftShader, llvmpipe). Measured there at
 * ~2 µs per point per render (400k points: ~1 s a frame on a loaded 2-core machine), so the pool's
 * 1.5 M default would take seconds per frame step. e2e/frameStepTiming (2M-point frames, load ~7):
 * median step-to-drawn 489 ms at 150k, 335 ms at 100k. GPUs keep the pool's default.
 */
export const SOFTWARE_DISPLAY_BUDGET = 100_000;

/** Whether WebGL runs on a CPU rasteriser (asked once through a throwaway context). */
export function isSoftwareRenderer(): boolean {
  try {
    const gl = document.createElement("canvas").getContext("webgl2");
    if (!gl) return true;
    const info = gl.getExtension("WEBGL_debug_renderer_info");
    const renderer = String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
    gl.getExtension("WEBGL_lose_context")?.loseContext();
    return /swiftshader|llvmpipe|software/i.test(renderer);
  } catch {
    return true;
  }
}

/**
 * The workspace's point-cloud loader: the worker pool (workers/pool) fetches, decodes and decimates
 * off the main thread, keeps an LRU of decoded frames and prefetches neighbours. Its LoadedFrame
 * satisfies LoadedPoints structurally; `full` (never decimated) feeds auto-fit.
 */
export async function createFrameLoader(): Promise<FrameLoader> {
  return createPointCloudPool(isSoftwareRenderer() ? { displayBudget: SOFTWARE_DISPLAY_BUDGET } : {});
}
