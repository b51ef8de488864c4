import { exposeToParent } from "../compute/exposeToParent";
import { buildFrameIndex } from "../../core/pointcloud/FrameIndex";
import { must } from "../../core/model/must";
import { decodePointCloudAsync } from "../../workers/decode/decodePointCloudAsync";
import { createEgoPoseEstimator, type EgoPoseEstimator } from "../../workers/fit/createEgoPoseEstimator";
import type { EgoPoseEstimate } from "../../workers/fit/estimateEgoPoses";

let estimator: EgoPoseEstimator | null = null;

/**
 * The ego-pose job's computing half, in a worker thread (startTsWorker): decodes each sweep and
 * feeds createEgoPoseEstimator, so the server's own thread only reads blobs and answers requests.
 */
const api = {
  begin(frameCount: number): void {
    estimator = createEgoPoseEstimator(frameCount);
  },
  /** The next sweep's file (its bytes transferred) and the seconds since the sweep before. */
  async add(bytes: Uint8Array, fileName: string, dtS: number): Promise<void> {
    const { cloud } = await decodePointCloudAsync(bytes, fileName);
    must(estimator, "an estimate begun").add(buildFrameIndex(cloud), dtS);
  },
  finish(): EgoPoseEstimate {
    return must(estimator, "an estimate begun").finish();
  },
};
export type EgoPoseWorkerApi = typeof api;

exposeToParent(api);
