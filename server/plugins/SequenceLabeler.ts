import type { Pose3 } from "../../core/geometry/pose";
import type { CuboidSize } from "../../core/model/Cuboid";
import type { FramePoints } from "../../core/prelabel/detectObjects";
import type { PrelabelBox } from "../../core/prelabel/PrelabelBox";

/** A frame as an in-process plugin reads it: its points are decoded only when asked, once, in order. */
export interface SequenceLabelerFrame {
  name: string;
  timestampS: number;
  worldFromLidar: Pose3 | null;
  points: () => Promise<FramePoints>;
}

/**
 * What an in-process plugin (the built-in pre-labeler) may offer beside the HTTP contract: the
 * whole sequence in one call, keeping each detection's points for the sequence steps (refit to
 * one size per track), which `detect` + `track` over HTTP cannot carry. The pre-label job uses it
 * when the plugin has it; an external model server goes through detect and track.
 */
export interface SequenceLabeler {
  labelSequence(
    request: { frames: readonly SequenceLabelerFrame[]; classSizes: ReadonlyMap<string, CuboidSize> },
    onFrame: (done: number) => Promise<void>,
  ): Promise<{ model: { name: string; version: string }; boxes: PrelabelBox[] }>;
}
