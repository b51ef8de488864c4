import type { Cuboid } from "../model/Cuboid";

/**
 * What people did with one predicted box: accepted it as the model made it, corrected it
 * (moved, resized, turned, re-classed), rejected it (deleted), or not yet looked at it (pending).
 */
export type PredictionOutcome = "accepted" | "corrected" | "rejected" | "pending";

/**
 * A box counts as accepted as it is when a person's version stays this close to the model's: 5 cm
 * in centre and in each size, 1° in heading (under the ~10 cm a person's drag moves a box, over
 * float noise and a refit's sub-centimetre jitter). Anything further is a correction.
 */
export const ACCEPT_TOLERANCE = { positionM: 0.05, sizeM: 0.05, yawRad: (1 * Math.PI) / 180 };

const angleGap = (a: number, b: number) => Math.abs(Math.atan2(Math.sin(a - b), Math.cos(a - b)));

/** True when `after` is the model's box `before` within ACCEPT_TOLERANCE, with the same class. */
export function sameAsPredicted(before: Cuboid, after: Cuboid): boolean {
  const t = ACCEPT_TOLERANCE;
  return (
    before.className === after.className &&
    Math.hypot(
      after.centerM.x - before.centerM.x,
      after.centerM.y - before.centerM.y,
      after.centerM.z - before.centerM.z,
    ) <= t.positionM &&
    Math.abs(after.size.lengthM - before.size.lengthM) <= t.sizeM &&
    Math.abs(after.size.widthM - before.size.widthM) <= t.sizeM &&
    Math.abs(after.size.heightM - before.size.heightM) <= t.sizeM &&
    angleGap(after.yawRad, before.yawRad) <= t.yawRad
  );
}

/** One version of a predicted box from the operation log, oldest first. */
export interface PredictionVersion {
  /** Null: deleted at this version. */
  data: Cuboid | null;
  /** Written by a prediction import (not a person, fit, review or QA fix). */
  byImport: boolean;
}

/**
 * The outcome of one predicted box from its versions: the model's box is the last version an
 * import wrote before any other batch touched it. Deleted by an import (a newer run replaced
 * it): null, it is not counted. Deleted by anyone else: rejected. Touched: accepted when its
 * current state is the model's within tolerance, else corrected. Untouched: pending.
 */
export function predictionOutcome(versions: readonly PredictionVersion[]): PredictionOutcome | null {
  const last = versions.at(-1);
  if (!last) return null;
  if (last.data === null) return last.byImport ? null : "rejected";
  const firstOther = versions.findIndex((v) => !v.byImport);
  if (firstOther < 0) return "pending";
  const model = versions
    .slice(0, firstOther)
    .reverse()
    .find((v) => v.data !== null)?.data;
  if (!model) return null;
  return sameAsPredicted(model, last.data) ? "accepted" : "corrected";
}
