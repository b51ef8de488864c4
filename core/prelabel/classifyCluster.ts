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
export function classifyCluster(s: ClusterShape): Classification | null {
  const { lengthM: l, widthM: w, heightM: h } = s;
  if (h < 0.7 || h > 4.0) return null;
  // Pedestrians: a body is ≤ 1 m across at any angle and 1.1–2.1 m tall (lower is a bin or a
  // bollard, taller a pole or a trunk).
  if (l <= 1.3 && w <= 1.1) {
    if (h < 1.1 || h > 2.1) return null;
    return { className: "Pedestrian", shapeScore: l < 0.25 ? 0.4 : 0.8 };
  }
  // A bicycle is 1.5–2 m long and narrow, with its rider on top: only the rider reaches the top
  // 30 % of the height, so the upper span is short; a car's rear or side keeps its width up there.
  if (l <= 2.3 && w <= 1.0 && h >= 1.3 && h <= 2.1 && s.upperSpanRatio < 0.45)
    return { className: "Cyclist", shapeScore: 0.6 };
  if (l < 1.4 || l > 14 || w > 3.4) return null;
  if (h < 0.9) return null;
  // Reaching the 4 m clustering ceiling: a tree, a building or a sign gantry (a bus is ≤ 3.5 m).
  if (h > 3.7) return null;
  // A long thin wall or fence: longer than a car side, no depth, and lower than a bus or truck.
  if (l > 6.5 && w < 0.8 && h < 2.5) return null;
  let className: PrelabelClass;
  if (h <= 2.0) className = l > 6.5 ? "Truck" : "Car";
  else if (l > 9.5 && s.upperSpanRatio >= 0.5) className = "Bus";
  else if (l > 5.5 && s.upperSpanRatio >= 0.5) className = "Truck";
  // A van or a small truck is a box: as long at its roof as at its doors.
  else if (h <= 2.6 && l > 3.8 && s.upperSpanRatio >= 0.5) className = "Van";
  else return null;
  // Plausibility: a car is 3.5–5.5 m × 1.6–2.1 m; extents outside the seen-from-one-side envelope lose.
  let shapeScore = 0.9;
  if (w > 2.6 && className === "Car") shapeScore -= 0.3;
  if (l < 2.5 && w < 1.0) shapeScore -= 0.3;
  if (s.upperSpanRatio < 0.3) shapeScore -= 0.3;
  return { className, shapeScore: Math.max(0.05, shapeScore) };
}
