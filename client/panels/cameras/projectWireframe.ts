import { CUBOID_EDGES, cuboidCorners, type OrientedBox } from "../../../core/geometry/cuboidCorners";
import { isInsideImage, projectLidarPoint } from "../../../core/geometry/projectCamera";
import type { CameraSensor } from "../../../core/model/CameraSensor";

/**
 * Each edge is sampled at this many segments, so lens distortion bends the drawn lines as it bends
 * the real edges (a straight line between projected corners would be wrong near the image border).
 */
export const EDGE_SEGMENTS = 16;

/** A box's 12 edges as pixel polylines through the full camera model; pieces behind the camera are dropped. */
export function projectWireframe(
  box: OrientedBox,
  camera: CameraSensor,
  segments = EDGE_SEGMENTS,
): Array<Array<[number, number]>> {
  const k = cuboidCorners(box);
  const lines: Array<Array<[number, number]>> = [];
  for (const [i, j] of CUBOID_EDGES) {
    const a = k[i];
    const b = k[j];
    if (!a || !b) continue; // cuboidCorners gives the 8 corners CUBOID_EDGES index
    let run: Array<[number, number]> = [];
    for (let s = 0; s <= segments; s++) {
      const t = s / segments;
      const p = projectLidarPoint(
        { x: a.x + (b.x - a.x) * t, y: a.y + (b.y - a.y) * t, z: a.z + (b.z - a.z) * t },
        camera,
      );
      if (p) run.push([p.uPx, p.vPx]);
      else if (run.length > 0) {
        if (run.length > 1) lines.push(run);
        run = [];
      }
    }
    if (run.length > 1) lines.push(run);
  }
  return lines;
}

/**
 * How well a camera sees the box: the image area (px²) covered by the bounding rectangle of the
 * box's projected corners, clipped to the image; 0 when any corner is behind the camera.
 */
export function visibleAreaPx(box: OrientedBox, camera: CameraSensor): number {
  let minU = Number.POSITIVE_INFINITY;
  let minV = Number.POSITIVE_INFINITY;
  let maxU = Number.NEGATIVE_INFINITY;
  let maxV = Number.NEGATIVE_INFINITY;
  let anyInside = false;
  for (const c of cuboidCorners(box)) {
    const p = projectLidarPoint(c, camera);
    if (!p) return 0;
    anyInside ||= isInsideImage(p, camera);
    minU = Math.min(minU, p.uPx);
    maxU = Math.max(maxU, p.uPx);
    minV = Math.min(minV, p.vPx);
    maxV = Math.max(maxV, p.vPx);
  }
  const w = Math.min(maxU, camera.imageWidthPx) - Math.max(minU, 0);
  const h = Math.min(maxV, camera.imageHeightPx) - Math.max(minV, 0);
  return anyInside || (w > 0 && h > 0) ? Math.max(0, w) * Math.max(0, h) : 0;
}

/** Cameras ordered best first for the box (largest visible area); original order when there is no box. */
export function rankCameras<C extends CameraSensor>(cameras: readonly C[], box: OrientedBox | null): C[] {
  if (!box) return [...cameras];
  const scored = cameras.map((c, i) => ({ c, i, a: visibleAreaPx(box, c) }));
  scored.sort((x, y) => y.a - x.a || x.i - y.i);
  return scored.map((s) => s.c);
}
