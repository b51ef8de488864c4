import type { Vec3 } from "../../geometry/vec3";
import type { QaContext, QaItem } from "../QaContext";
import type { QaFinding } from "../QaFinding";
import { m2, makeFinding } from "../makeFinding";

/** Extrapolations reach at most this far in time, seconds (two frames at 10 Hz, with slack). */
const MAX_EXTRAPOLATION_S = 0.35;

const distXY = (a: Vec3, b: Vec3): number => Math.hypot(a.x - b.x, a.y - b.y);

/** Where `from` and `via` put the object at time t, moving on at constant velocity. */
function extrapolate(from: QaItem, via: QaItem, t: number): Vec3 {
  const s = via.t !== from.t ? (t - from.t) / (via.t - from.t) : 1;
  return {
    x: from.worldM.x + s * (via.worldM.x - from.worldM.x),
    y: from.worldM.y + s * (via.worldM.y - from.worldM.y),
    z: from.worldM.z + s * (via.worldM.z - from.worldM.z),
  };
}

/**
 * Position jumps: a box off the path its track's neighbours imply — interpolated between the boxes
 * before and after it, and extrapolated from the two before and from the two after where they
 * exist. All must miss, so a box is flagged where it is the odd one out, not where the path merely
 * bends or steps (a step is an id swap's business). And speeds no object of the sequence can reach
 * between consecutive boxes (timed sequences only; the box after the step gets the finding).
 */
export function checkMotion(ctx: QaContext): QaFinding[] {
  const { config } = ctx;
  const jump = config["position-jump"];
  const speed = config["impossible-speed"];
  const out: QaFinding[] = [];
  for (const items of ctx.tracks.values()) {
    if (jump.enabled) {
      for (let i = 1; i < items.length - 1; i++) {
        const a = items[i - 1]!;
        const item = items[i]!;
        const b = items[i + 1]!;
        const accel = ctx.timed ? 0.5 * jump.maxAccelerationMps2 * (item.t - a.t) * (b.t - item.t) : 0;
        const limit = jump.maxDeviationM + accel;
        const r = distXY(item.worldM, extrapolate(a, b, item.t));
        if (r <= limit) continue;
        // Extrapolation says "a step, not a spike" only over short gaps: 1.5 s of driving bends a path.
        const near = (p: QaItem | undefined) =>
          p && (!ctx.timed || Math.abs(item.t - p.t) <= MAX_EXTRAPOLATION_S) ? p : undefined;
        const before = near(items[i - 2]);
        const after = near(items[i + 2]);
        if (before && distXY(item.worldM, extrapolate(before, a, item.t)) <= limit) continue;
        if (after && distXY(item.worldM, extrapolate(after, b, item.t)) <= limit) continue;
        out.push(
          makeFinding(
            config,
            "position-jump",
            item,
            `${m2(r)} off the path of the track's neighbouring boxes`,
            {
              fix: "fill-gap",
            },
          ),
        );
      }
    }
    if (speed.enabled && ctx.timed) {
      let previousFlagged = false;
      for (let i = 1; i < items.length; i++) {
        const a = items[i - 1]!;
        const b = items[i]!;
        const v = b.t > a.t ? distXY(a.worldM, b.worldM) / (b.t - a.t) : 0;
        const flagged: boolean = v > speed.maxSpeedMps && !previousFlagged;
        if (flagged)
          out.push(
            makeFinding(
              config,
              "impossible-speed",
              b,
              `${v.toFixed(0)} m/s since the track's previous box (at most ${speed.maxSpeedMps} m/s)`,
            ),
          );
        previousFlagged = flagged;
      }
    }
  }
  return out;
}
