import type { OrientedBox } from "./cuboidCorners";

/** A point in the ground plane (bird's-eye view), metres. */
export interface Point2 {
  x: number;
  y: number;
}

/** The 4 BEV corners of a box, counter-clockwise. Pitch and roll are ignored (BEV is the yaw-only footprint). */
export function bevCorners(box: OrientedBox): Point2[] {
  const c = Math.cos(box.yawRad);
  const s = Math.sin(box.yawRad);
  const hl = box.size.lengthM / 2;
  const hw = box.size.widthM / 2;
  const local: Array<[number, number]> = [
    [hl, hw],
    [-hl, hw],
    [-hl, -hw],
    [hl, -hw],
  ];
  // (+l,+w) → (−l,+w) → (−l,−w) → (+l,−w) runs counter-clockwise seen from +z.
  return local.map(([x, y]) => ({ x: box.centerM.x + c * x - s * y, y: box.centerM.y + s * x + c * y }));
}

/** Signed area of a simple polygon (positive when counter-clockwise). */
export function polygonArea(poly: readonly Point2[]): number {
  let a = 0;
  forEachEdge(poly, (p, q) => {
    a += p.x * q.y - q.x * p.y;
  });
  return a / 2;
}

/**
 * Intersection of a polygon with a convex counter-clockwise polygon (Sutherland–Hodgman).
 * Both inputs here are rectangles, so the result is convex and exact up to rounding.
 */
export function clipConvexPolygon(subject: readonly Point2[], clipCcw: readonly Point2[]): Point2[] {
  let out: Point2[] = subject.slice();
  forEachEdge(clipCcw, (a, b) => {
    if (out.length === 0) return;
    const side = (p: Point2): number => (b.x - a.x) * (p.y - a.y) - (b.y - a.y) * (p.x - a.x);
    const input = out;
    out = [];
    forEachEdge(input, (p, q) => {
      const sp = side(p);
      const sq = side(q);
      if (sp >= 0) out.push(p);
      if (sp >= 0 !== sq >= 0) {
        const t = sp / (sp - sq);
        out.push({ x: p.x + t * (q.x - p.x), y: p.y + t * (q.y - p.y) });
      }
    });
  });
  return out;
}

/** Calls `visit` with each edge (p, next p) of a closed polygon in order, the closing edge (last, first) last. */
function forEachEdge(poly: readonly Point2[], visit: (p: Point2, q: Point2) => void): void {
  const first = poly[0];
  let p: Point2 | undefined;
  for (const q of poly) {
    if (p !== undefined) visit(p, q);
    p = q;
  }
  if (p !== undefined && first !== undefined) visit(p, first);
}

/** Area of the BEV footprint overlap of two boxes, m². */
export function bevIntersectionArea(a: OrientedBox, b: OrientedBox): number {
  const inter = clipConvexPolygon(bevCorners(a), bevCorners(b));
  return inter.length < 3 ? 0 : Math.abs(polygonArea(inter));
}

/** Bird's-eye-view IoU of two boxes' yaw-oriented footprints, in [0, 1]. */
export function bevIou(a: OrientedBox, b: OrientedBox): number {
  const inter = bevIntersectionArea(a, b);
  const union = a.size.lengthM * a.size.widthM + b.size.lengthM * b.size.widthM - inter;
  return union > 0 ? inter / union : 0;
}

/** 3D IoU of two yaw-only boxes: BEV overlap × overlap of their z ranges, over the union volume. */
export function iou3d(a: OrientedBox, b: OrientedBox): number {
  const zLow = Math.max(a.centerM.z - a.size.heightM / 2, b.centerM.z - b.size.heightM / 2);
  const zHigh = Math.min(a.centerM.z + a.size.heightM / 2, b.centerM.z + b.size.heightM / 2);
  const zOverlap = Math.max(0, zHigh - zLow);
  const inter = bevIntersectionArea(a, b) * zOverlap;
  const volA = a.size.lengthM * a.size.widthM * a.size.heightM;
  const volB = b.size.lengthM * b.size.widthM * b.size.heightM;
  const union = volA + volB - inter;
  return union > 0 ? inter / union : 0;
}
