import { interpolateTrack, type TimedFrame } from "../../fit/interpolateTrack";
import { IDENTITY_POSE } from "../../geometry/pose";
import type { QaContext } from "../QaContext";
import type { QaFinding } from "../QaFinding";
import { measureBoxPoints } from "../measureBoxPoints";
import { qaMessageText } from "../qaMessages";

/**
 * Frames inside a track's lifespan where it has no box although the object is visible: the box
 * interpolated there (core/fit/interpolateTrack, in world coordinates) holds object points. Without
 * points every gap is reported; a gap where the interpolated box is empty (the object hidden) is not.
 */
export function checkMissingFrames(ctx: QaContext): QaFinding[] {
  const cfg = ctx.config["missing-frame"];
  if (!cfg.enabled) return [];
  const frames: TimedFrame[] = ctx.input.frames.map((f, k) => ({
    frameIndex: k,
    timestampS: f.timestampS ?? k,
    worldFromLidar: f.worldFromLidar ?? IDENTITY_POSE,
  }));
  const out: QaFinding[] = [];
  for (const [trackId, items] of ctx.tracks) {
    const head = items[0];
    const tail = items[items.length - 1];
    if (items.length < 2 || !head || !tail) continue;
    const first = head.box.frameIndex;
    const last = tail.box.frameIndex;
    if (last - first + 1 === new Set(items.map((i) => i.box.frameIndex)).size) continue;
    const template = head.box;
    for (const gap of interpolateTrack(
      items.map((i) => i.box),
      frames.slice(first, last + 1),
    )) {
      const index = ctx.input.points?.(gap.frameIndex) ?? null;
      const visiblePoints = index
        ? measureBoxPoints(index, { ...template, ...gap, id: "", frameIndex: gap.frameIndex }, 0).objectPoints
        : null;
      if (visiblePoints !== null && visiblePoints < cfg.minVisiblePoints) continue;
      const [code, values] =
        visiblePoints === null
          ? (["missingFrameUnseen", { first, last }] as const)
          : (["missingFrameVisible", { points: visiblePoints }] as const);
      out.push({
        kind: "missing-frame",
        severity: cfg.severity,
        frameIndex: gap.frameIndex,
        trackId,
        boxId: null,
        code,
        values,
        message: qaMessageText(code, values),
        fix: "fill-gap",
      });
    }
  }
  return out;
}
