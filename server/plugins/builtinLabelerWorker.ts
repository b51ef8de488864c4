import { exposeToParent } from "../compute/exposeToParent";
import type { CuboidSize } from "../../core/model/Cuboid";
import type { FramePoints } from "../../core/prelabel/detectObjects";
import { labelSequenceInProcess } from "./labelSequenceInProcess";
import type { SequenceLabelerFrame } from "./SequenceLabeler";

/**
 * The built-in pre-labeler in a worker thread (startTsWorker): the server's thread reads and
 * decodes each frame when asked (`pointsOf`, its buffer transferred) and records progress
 * (`onFrame`); detection and the sequence steps run here, so saves are answered meanwhile.
 */
const api = {
  labelSequence(
    frames: ReadonlyArray<Omit<SequenceLabelerFrame, "points">>,
    classSizes: ReadonlyArray<[string, CuboidSize]>,
    pointsOf: (frame: number) => Promise<FramePoints>,
    onFrame: (done: number) => Promise<void>,
  ) {
    return labelSequenceInProcess(
      {
        frames: frames.map((f, k) => ({ ...f, points: () => pointsOf(k) })),
        classSizes: new Map(classSizes),
      },
      onFrame,
    );
  },
};
export type BuiltinLabelerApi = typeof api;

exposeToParent(api);
