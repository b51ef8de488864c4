import type { Vec3 } from "../../geometry/vec3";
import type { QaContext, QaItem } from "../QaContext";
import type { QaFinding } from "../QaFinding";
import { makeFinding } from "../makeFinding";
import { roundM } from "../qaMessages";
import { median } from "../median";

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
      for (const [i, item] of items.entries()) {
        const a = items[i - 1];
        const b = items[i + 1];
        if (!a || !b) continue;
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
            "positionJump",
            { offM: roundM(r) },
            { fix: "fill-gap" },
          ),
        );
      }
    }
    if (jump.enabled) {
      const flagged = new Set(out.filter((f) => f.kind === "position-jump").map((f) => f.boxId));
      for (const f of [...offObject(ctx, items), ...pointsStayed(ctx, items)])
        if (!flagged.has(f.boxId)) {
          flagged.add(f.boxId);
          out.push(f);
        }
    }
    if (speed.enabled && ctx.timed) {
      let previousFlagged = false;
      for (const [i, b] of items.entries()) {
        const a = items[i - 1];
        if (!a) continue;
        const v = b.t > a.t ? distXY(a.worldM, b.worldM) / (b.t - a.t) : 0;
        const flagged: boolean = v > speed.maxSpeedMps && !previousFlagged;
        if (flagged)
          out.push(
            makeFinding(config, "impossible-speed", b, "impossibleSpeed", {
              speedMps: Math.round(v),
              maxMps: speed.maxSpeedMps,
            }),
          );
        previousFlagged = flagged;
      }
    }
  }
  return out;
}

/** Share of the points in and within 1 m around the box that lie around it; null without points. */
const nearShare = (item: QaItem | undefined): number | null => {
  const p = item?.points;
  return p ? p.nearPoints / Math.max(1, p.nearPoints + p.objectPoints) : null;
};

/**
 * Where the track's neighbouring boxes put the object at the box's time: interpolated between the
 * adjacent boxes, or at a track's end extrapolated from the two boxes on its one side; null when a
 * track's end has one neighbour only.
 */
function pathPosition(items: readonly QaItem[], i: number): Vec3 | null {
  const item = items[i];
  const a = items[i - 1];
  const b = items[i + 1];
  const a2 = items[i - 2];
  const b2 = items[i + 2];
  if (!item) return null;
  if (a && b) return extrapolate(a, b, item.t);
  if (a && a2) return extrapolate(a2, a, item.t);
  if (b && b2) return extrapolate(b2, b, item.t);
  return null;
}

/**
 * Boxes that left their object, at any spacing in time (keyframes 0.5–1.5 s apart leave the path
 * test above too loose to see a 1 m jump): the share of nearby points left around the box rises
 * well above that of the track's neighbouring boxes (two on each side) and above the adjacent
 * ones, and the box is off its track's path. Relative to the track, so clutter that stays beside
 * an object (a wall, a bush) is not counted.
 */
function offObject(ctx: QaContext, items: readonly QaItem[]): QaFinding[] {
  const cfg = ctx.config["position-jump"];
  const out: QaFinding[] = [];
  items.forEach((item, i) => {
    const p = item.points;
    const share = nearShare(item);
    if (!p || share === null || p.nearPoints < cfg.offObjectMinPoints || share < cfg.offObjectMinNearShare)
      return;
    const around = [items[i - 2], items[i - 1], items[i + 1], items[i + 2]]
      .map(nearShare)
      .filter((s): s is number => s !== null);
    const adjacent = [items[i - 1], items[i + 1]].map(nearShare).filter((s): s is number => s !== null);
    if (adjacent.length === 0 || adjacent.some((s) => s >= share)) return;
    if (share < median(around) + cfg.offObjectMinRise) return;
    const onPath = pathPosition(items, i);
    const offM = onPath ? distXY(item.worldM, onPath) : 0;
    if (offM < cfg.offObjectMinDeviationM) return;
    out.push(
      makeFinding(
        ctx.config,
        "position-jump",
        item,
        "positionJumpOffObject",
        { offM: roundM(offM), near: p.nearPoints, inside: p.objectPoints },
        { fix: "fill-gap" },
      ),
    );
  });
  return out;
}

/** A box's points centroid offset (QaItem.points.aroundCentroidM) in its sensor ray's axes: along it, across it. */
function rayOffset(item: QaItem): { along: number; across: number; rx: number; ry: number } | null {
  const c = item.points?.aroundCentroidM;
  const r = Math.hypot(item.box.centerM.x, item.box.centerM.y);
  if (!c || r === 0) return null;
  const rx = item.box.centerM.x / r;
  const ry = item.box.centerM.y / r;
  return { along: c.x * rx + c.y * ry, across: -c.x * ry + c.y * rx, rx, ry };
}

/**
 * Boxes moved while their object stayed: the box is off the path its neighbours imply by some
 * vector, and its points moved the opposite way relative to it — the centroid of the points in
 * and around it, against where the track's other boxes hold theirs (in each box's sensor-ray axes,
 * so the side the lidar sees is the same). A real acceleration bends the path but keeps the
 * points on the box; clutter coming into the band moves them, but not against the path's
 * deviation by most of its length. Works at any spacing in time: it needs no motion model.
 */
function pointsStayed(ctx: QaContext, items: readonly QaItem[]): QaFinding[] {
  const cfg = ctx.config["position-jump"];
  const usable = (it: QaItem | undefined) =>
    it !== undefined && (it.points?.aroundPoints ?? 0) >= cfg.shiftMinPoints;
  const out: QaFinding[] = [];
  items.forEach((item, i) => {
    if (!usable(item)) return;
    const own = rayOffset(item);
    const onPath = pathPosition(items, i);
    if (!own || !onPath) return;
    const offM = distXY(item.worldM, onPath);
    if (offM < cfg.offObjectMinDeviationM) return;
    const others = items
      .filter((o, j) => j !== i && usable(o))
      .map(rayOffset)
      .filter((o): o is NonNullable<typeof o> => o !== null);
    // At a track's end the path is extrapolated through the adjacent box: when that box is the
    // only reference, an error in it would make this one look moved; two references are needed.
    const interior = i > 0 && i < items.length - 1;
    if (others.length < (interior ? 1 : 2)) return;
    const refAlong = median(others.map((o) => o.along));
    const refAcross = median(others.map((o) => o.across));
    // How much the other boxes' centroids wander themselves (the view changes with range and angle).
    const spread = median(others.map((o) => Math.hypot(o.along - refAlong, o.across - refAcross)));
    const dAlong = own.along - refAlong;
    const dAcross = own.across - refAcross;
    // The points' shift relative to the box, lidar axes; the path's deviation turned into them.
    const sx = dAlong * own.rx - dAcross * own.ry;
    const sy = dAlong * own.ry + dAcross * own.rx;
    const poseYaw = item.worldYawRad - item.box.yawRad;
    const wx = item.worldM.x - onPath.x;
    const wy = item.worldM.y - onPath.y;
    const px = Math.cos(poseYaw) * wx + Math.sin(poseYaw) * wy;
    const py = -Math.sin(poseYaw) * wx + Math.cos(poseYaw) * wy;
    const against = -(sx * px + sy * py) / offM;
    // The track's own wander is slack: half of it, as the box's own centroid wanders too.
    if (against < Math.max(cfg.shiftMinM, cfg.shiftMinShareOfOff * offM) + spread / 2) return;
    out.push(
      makeFinding(
        ctx.config,
        "position-jump",
        item,
        "positionJumpPointsStayed",
        { offM: roundM(offM), shiftM: roundM(against) },
        { fix: "fill-gap" },
      ),
    );
  });
  return out;
}
