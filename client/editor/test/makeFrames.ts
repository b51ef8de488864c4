import type { FrameDetail } from "../../../core/api/sequenceDetail";
import { IDENTITY_POSE } from "../../../core/geometry/pose";

/** `count` frames of a sequence as the API serves them: 0.1 s apart, identity pose, blob `blob<i>`. */
export const makeFrames = (count: number): FrameDetail[] =>
  Array.from({ length: count }, (_, i) => ({
    index: i,
    name: String(i).padStart(6, "0"),
    timestampUs: i * 100_000,
    worldFromLidar: IDENTITY_POSE,
    lidarBlob: `blob${i}`,
    lidarFormat: "pcd",
    imageBlobs: {},
  }));
