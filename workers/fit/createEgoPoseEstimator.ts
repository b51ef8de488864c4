import { must } from "../../core/model/must";
import { anchorSteps, chainEgoPosesWith } from "./chainEgoPoses";
import { type AnchorRegistration, checkAnchorChain } from "./checkAnchorChain";
import { createEgoMotionChain } from "./checkEgoMotionChain";
import type { EgoPoseEstimate } from "./estimateEgoPoses";
import { estimateEgoMotion, type PlanarMotion } from "./estimateEgoMotion";
import type { FrameIndex } from "./FrameIndex";

/** estimateEgoPoses fed one sweep at a time, in order. */
export interface EgoPoseEstimator {
  /** The next sweep (frame 0 first) and the seconds since the one before (ignored for frame 0). */
  add(index: FrameIndex, dtS: number): void;
  /** The estimate once every sweep was added. */
  finish(): EgoPoseEstimate;
}

/**
 * estimateEgoPoses for a caller that streams the sweeps (a server estimating a long sequence): the
 * same checked chain (createEgoMotionChain) and the same anchors, each anchor step registered (both
 * ways, for checkAnchorChain should the chain be refused) while both of its sweeps are at hand, so it holds two sweeps and one anchor at a time whatever the
 * sequence's length, and gives the same poses.
 */
export function createEgoPoseEstimator(frameCount: number): EgoPoseEstimator {
  const chain = createEgoMotionChain();
  const anchorOf = new Map(anchorSteps(frameCount).map(([a, b]) => [b, a]));
  const direct = new Map<string, PlanarMotion>();
  const anchors: AnchorRegistration[] = [];
  const timestampS: number[] = [];
  let previous: FrameIndex | null = null;
  let anchor: { k: number; index: FrameIndex } | null = null;
  let added = 0;
  return {
    add(index, dtS) {
      if (added >= frameCount)
        throw new Error(`ego poses: sweep ${added + 1} of a ${frameCount}-frame sequence`);
      const k = added++;
      timestampS.push(k === 0 ? 0 : (timestampS[k - 1] ?? 0) + dtS);
      if (previous && anchor) {
        chain.step(previous, index, dtS);
        if (anchorOf.get(k) === anchor.k) {
          const there = estimateEgoMotion(anchor.index, index);
          direct.set(`${anchor.k}:${k}`, there);
          anchors.push({ from: anchor.k, to: k, there, back: estimateEgoMotion(index, anchor.index) });
          anchor = { k, index };
        }
      } else anchor = { k, index };
      previous = index;
    },
    finish() {
      if (added !== frameCount) throw new Error(`ego poses: ${added} of ${frameCount} sweeps added`);
      const steps = chain.result();
      const anchored = steps.consistent
        ? null
        : checkAnchorChain(anchors, (k) => must(timestampS[k], `frame ${k}'s time`), frameCount, {}, steps);
      const check = !anchored
        ? steps
        : anchored.consistent
          ? anchored
          : { ...steps, reason: `${steps.reason}; ${anchored.reason}` };
      const poses = check.consistent
        ? chainEgoPosesWith((a, b) => must(direct.get(`${a}:${b}`), `anchor step ${a} → ${b}`), check.motions)
        : null;
      return { poses, check };
    },
  };
}
