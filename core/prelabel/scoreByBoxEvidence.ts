import type { PrelabelClass } from "./classifyCluster";
import type { BoxEvidence } from "./measureBoxEvidence";

/**
 * Collar share (points around the box per point inside, BoxEvidence.collarShare) from which a
 * box loses score, and at which it keeps only COLLAR_FLOOR: a hedge or a wall cut into car-length
 * pieces goes on past the box. Measured on the three recordings in ../shared/data (boxes scoring
 * ≥ 0.5): of boxes with a share over 0.5, 14 matched a label and 71 did not.
 */
const COLLAR_FROM = 0.2;
const COLLAR_FULL = 1.0;
const COLLAR_FLOOR = 0.3;
/**
 * A car's top steps from bonnet to roof to boot (side view) or from the roof down to the
 * tail-lights (rear view): labelled cars' top relief has a median of 0.49 of their height, 10 %
 * under 0.36. A level top (a hedge, a wall, a fence, a crate) under this relief loses score down
 * to RELIEF_FLOOR at none; Argoverse boxes under 0.3: 47 matched a label, 256 did not.
 */
const RELIEF_FULL = 0.35;
const RELIEF_FLOOR = 0.2;

/**
 * Base cover (BoxEvidence.baseCover) above which a box seen side-on (a face at least
 * BASE_MIN_FACE_M long) loses score, keeping BASE_FLOOR at full cover: a car shows air under its
 * sills between its wheels, a hedge, a wall or a fence stands on the ground along its length.
 * A car's rear or front is not judged: its bumper comes down to the base band. Measured on
 * Argoverse boxes scoring ≥ 0.5: labelled cars' cover has a median of 0.25, unmatched boxes'
 * 0.43; the rule costs 1 matched box of 825 and removes 69 unmatched of 458.
 */
const BASE_FROM = 0.5;
const BASE_FLOOR = 0.3;
const BASE_MIN_FACE_M = 3;

/**
 * Collar share from which a person's or a cyclist's box loses score, and at which it keeps only
 * VRU_COLLAR_FLOOR: a person stands apart from what is around, a person-sized stub with more
 * points in the collar than inside is a piece of a hedge, a wall or a car. People in a group or
 * beside one another reach less (SUSTechPOINTS' walkers in groups: 0.5–1.0, 7 of 8 matched).
 * Measured on walker and cyclist boxes scoring ≥ 0.2 of Argoverse and SUSTechPOINTS: with a
 * share of 1.0 or more, 1 of 71 matched a labelled person at BEV IoU 0.3, and none at 0.5.
 */
const VRU_COLLAR_FROM = 1.0;
const VRU_COLLAR_FULL = 2.5;
const VRU_COLLAR_FLOOR = 0.4;

/**
 * How much of its shape score a box keeps (0..1) given what the points in and around it say;
 * people and cyclists are judged by what stands around them only (their shape says the rest),
 * and vans, trucks and buses are boxes with level tops, so only cars are judged by their top.
 */
export function boxEvidenceFactor(className: PrelabelClass, e: BoxEvidence): number {
  if (e.inside === 0) return 1;
  if (className === "Pedestrian" || className === "Cyclist")
    return e.collarShare <= VRU_COLLAR_FROM
      ? 1
      : Math.max(
          VRU_COLLAR_FLOOR,
          1 -
            ((e.collarShare - VRU_COLLAR_FROM) / (VRU_COLLAR_FULL - VRU_COLLAR_FROM)) *
              (1 - VRU_COLLAR_FLOOR),
        );
  let factor = 1;
  if (e.collarShare > COLLAR_FROM)
    factor *= Math.max(
      COLLAR_FLOOR,
      1 - ((e.collarShare - COLLAR_FROM) / (COLLAR_FULL - COLLAR_FROM)) * (1 - COLLAR_FLOOR),
    );
  if (e.faceLengthM >= BASE_MIN_FACE_M && e.baseCover > BASE_FROM)
    factor *= 1 - ((e.baseCover - BASE_FROM) / (1 - BASE_FROM)) * (1 - BASE_FLOOR);
  if (className === "Car" && e.topRelief < RELIEF_FULL)
    factor *= RELIEF_FLOOR + (1 - RELIEF_FLOOR) * (e.topRelief / RELIEF_FULL);
  return factor;
}
