import { createPointCloudPool } from "../../workers/pool/createPointCloudPool";
import type { FrameLoader } from "./frameLoader";

/**
 * The workspace's point-cloud loader: the worker pool (workers/pool) fetches, decodes and decimates
 * off the main thread, keeps an LRU of decoded frames and prefetches neighbours. Its LoadedFrame
 * satisfies LoadedPoints structurally; `full` feeds auto-fit.
 */
export async function createFrameLoader(): Promise<FrameLoader> {
  return createPointCloudPool();
}
