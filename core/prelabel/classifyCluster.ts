/** What a cluster's shape says it is; the class names are the catalogue's (core/model/defaultClasses). */
export type PrelabelClass = "Car" | "Van" | "Truck" | "Bus" | "Pedestrian" | "Cyclist";

/** Measured shape of a cluster: its tightest BEV rectangle and how its points stand. */
export interface ClusterShape {
  /** Longer and shorter side of the BEV rectangle around the points (not completed by any prior). */
  lengthM: number;
  widthM: number;
  /** Top point above the ground. */
  heightM: number;
  /** Extent along the long side of the points in the top 30 % of the height, over lengthM. */
  upperSpanRatio: number;
  /** The same for the points in the bottom 40 % above the ground cut: a vehicle's body reaches down its whole length, a tree's trunk does not. */
  lowerSpanRatio: number;
  pointCount: number;
  rangeM: number;
  /**
   * Share of its points under which, in the same 0.5 m BEV cell, something stands 2.5–6 m above
   * the ground: a canopy, an awning, the rest of a wall or a pole. A car in the open has none.
   */
  overheadShare: number;
  /**
   * Share of its points looked at past something 0.3–1.5 m tall standing nearer (markLowOcclusion):
   * a car parked behind another shows only its roof and upper windows.
   */
  lowOccludedShare: number;
  /** Share of its points under something 4.5–12 m above the ground: higher than any vehicle. */
  tallShare: number;
}

export interface Classification {
  className: PrelabelClass;
  /** 0..1: how plausible the shape is for the class, before the point count is weighed in. */
  shapeScore: number;
}

/**
 * Physical limits of what each class can look like from one side. A partly seen car shows one
 * face: its rear alone is ~1.8 m × 0.3 m, its side ~4.5 m × 0.3 m, so the short side is only
 * bounded above. Anything else (walls, fences, poles, trunks, low clutter) is rejected: null.
 */
/** Taller cars (vans, SUVs with roof boxes) are ~2.1 m. */
const CAR_MAX_HEIGHT_M = 2.15;
/** Above this share of points under something high (ClusterShape.overheadShare), it is not free-standing. */
const OVERHEAD_SHARE = 0.3;

/** Most of it seen over something in front, no taller than a car, nothing standing above it. */
const lowHidden = (s: ClusterShape): boolean =>
  s.lowOccludedShare >= HIDDEN_SHARE && s.heightM <= CAR_MAX_HEIGHT_M && s.overheadShare < 0.1;
const HIDDEN_SHARE = 0.5;
/** Up to the clustering ceiling (2.5 m) within a ring's spacing: taller than any car. */
const TRUCK_FACE_MIN_HEIGHT_M = 2.35;
/** A walker-sized blob this deep, with fewer points than this, is not one person (see classifyCluster). */
const WIDE_WALKER_M = 0.7;
const WIDE_WALKER_MIN_POINTS = 200;

export function classifyCluster(s: ClusterShape): Classification | null {
  const { lengthM: l, widthM: w, heightM: h } = s;
  if (h < 0.7) return null;
  // Pedestrians: a body is ≤ 1 m across at any angle and 1.1–2.1 m tall (lower is a bin or a
  // bollard, taller a pole or a trunk).
  if (l <= 1.3 && w <= 1.1) {
    if (h < 1.1 || h > 2.1) return null;
    // A person stands on legs: nothing in the bottom of the blob is a piece of something else
    // (a roof edge, a branch) cut off by the clustering.
    const legs = s.lowerSpanRatio > 0;
    let shapeScore = (l < 0.25 ? 0.4 : 0.8) * (legs ? 1 : 0.4);
    // A body is ≥ 0.2 m thick seen from any side (labelled walkers: 0.2–0.56 m); a post, a pole
    // or a sign's leg is 0.07–0.15 m.
    if (w < 0.15) shapeScore *= 0.3;
    // A flat panel (a sign, a fence or a hedge segment) is long and thin: a person's footprint,
    // stride and arms included, is at most ~3 × as long as it is deep.
    if (l > 0.8 && l > 3 * w) shapeScore *= 0.4;
    // A person's head and shoulders are narrower than the whole stride: a top as wide as the
    // whole blob is a bin, a cabinet, a post box or a bollard cap.
    if (s.upperSpanRatio > 0.9) shapeScore *= 0.5;
    // Something standing high above a person-sized stub is the rest of a pole, a trunk or a wall.
    if (s.overheadShare > OVERHEAD_SHARE) shapeScore *= 0.3;
    // The lidar sees one side of a person: their points are at most ~0.6 m deep (labelled walkers
    // on SUSTechPOINTS: 0.14–0.56 m). A blob as deep as it is long is someone pushing a pram or a
    // bike close by and well seen (SUSTechPOINTS, KITTI: 274–342 points at 9–10 m), or, sparser,
    // the end of a car or a bush (the three recordings in ../shared/data: 134 such blobs under
    // WIDE_WALKER_MIN_POINTS, none a walker, 10 of them scoring ≥ 0.5 before this rule).
    if (w >= WIDE_WALKER_M && s.pointCount < WIDE_WALKER_MIN_POINTS) shapeScore *= 0.4;
    return { className: "Pedestrian", shapeScore };
  }
  // A bicycle is 1.5–2 m long and narrow, with its rider on top: only the rider reaches the top
  // 30 % of the height, so the upper span is short; a car's rear or side keeps its width up there.
  if (l <= 2.3 && w <= 1.0 && h >= 1.3 && h <= 2.1 && s.upperSpanRatio < 0.45)
    return { className: "Cyclist", shapeScore: 0.6 };
  if (l < 1.4 || l > 14 || w > 3.4) return null;
  if (h < 0.9) return null;
  // A long thin wall or fence: longer than a car side and no depth (a bus seen side-on is lost too).
  if (l > 6.5 && w < 0.8) return null;
  // The top of a car is its roof, narrower than its body; a flat top as long as the object (a
  // hedge, a wall) or none at all (a tree's crown cut by the clustering ceiling) is not a vehicle.
  // A car seen from straight behind or ahead shows its rear and a strip of roof: its top spans
  // little of the seen length (Argoverse: labelled cars at 30 m, 100–180 points, roof span
  // 0.13–0.20). A compact car-height blob reaching down to its bumpers keeps the shape penalty.
  if (s.upperSpanRatio < 0.2 && !(h <= CAR_MAX_HEIGHT_M && s.lowerSpanRatio >= 0.8)) return null;
  // A body reaches down its length to the bumpers; a blob with nothing low is a crown or an awning,
  // unless something low in front hides its lower half (Argoverse: 35 of 116 rejected labelled
  // cars, 30–300 points, were cars parked behind others showing only their roof and windows).
  // A crown or an awning stands higher than a car or under more of itself.
  if (s.lowerSpanRatio < 0.1 && !lowHidden(s)) return null;
  // The rear or front of a truck or a bus: a face as wide as one, solid from its bumper to above
  // the clustering ceiling, with nothing higher than a vehicle over it (a building corner, a
  // tree or a kiosk roof goes on up). Its own top stands above the ceiling, so it is not judged
  // by what stands over it (Argoverse: a 6 m truck followed for 17 frames, 300–2000 points).
  if (
    h >= TRUCK_FACE_MIN_HEIGHT_M &&
    l <= 4.6 &&
    w >= 1.9 &&
    s.upperSpanRatio >= 0.85 &&
    s.lowerSpanRatio >= 0.9 &&
    s.tallShare < 0.05
  )
    return { className: "Truck", shapeScore: 0.63 };
  let className: PrelabelClass;
  if (l > 9.5) className = "Bus";
  else if (l > 6.5) className = "Truck";
  // A van is a box: as long at its roof as at its doors, and taller than a car.
  else if (h >= 2.0 && l > 4.6 && s.upperSpanRatio >= 0.5) className = "Van";
  // Cars are at most ~2 m tall: a blob reaching the 2.5 m clustering ceiling that is not box-shaped
  // is a building corner, a tree or a hedge.
  else if (h <= CAR_MAX_HEIGHT_M) className = "Car";
  else return null;
  // Plausibility: a car is 3.5–5.5 m × 1.6–2.1 m; extents outside the seen-from-one-side envelope lose.
  let shapeScore = 0.9;
  if (w > 2.6 && className === "Car") shapeScore -= 0.3;
  if (l < 2.5 && w < 1.0) shapeScore -= 0.15;
  // Even a car side seen square-on has depth (mirrors, wheel arches, the curve of the doors): a
  // flat sheet is more likely a wall, a fence or a hedge face.
  if (w < 0.4) shapeScore -= 0.5;
  else if (w < 0.7) shapeScore -= 0.2;
  if (s.upperSpanRatio < 0.3) shapeScore -= 0.3;
  // A car's roof spans 0.45–0.85 of its length (labelled cars: 90 % under 0.82); a top as long
  // as the whole blob is a hedge, a wall's coping or a fence.
  if (s.upperSpanRatio > 0.95) shapeScore -= 0.3;
  else if (s.upperSpanRatio > 0.85) shapeScore -= 0.15;
  // Nothing stands 2.5–6 m above a car in the open (labelled cars: none in 9 of 10); under a
  // canopy, an awning or a wall's upper storeys is where clutter is cut off by the 2.5 m ceiling.
  if (s.overheadShare > OVERHEAD_SHARE) shapeScore *= className === "Car" ? 0.4 : 0.3;
  // Trucks and buses are long blobs, like most facades and hedges: only the unmistakable ones.
  if (className === "Truck" || className === "Bus") shapeScore *= 0.7;
  return { className, shapeScore: Math.max(0.05, shapeScore) };
}
