import type { Cuboid } from "../../../core/model/Cuboid";

/** Whether (x,y) lies inside the cuboid's footprint (grown by `marginM`). */
export function footprintContains(c: Cuboid, xM: number, yM: number, marginM = 0): boolean {
  const dx = xM - c.centerM.x;
  const dy = yM - c.centerM.y;
  const cos = Math.cos(c.yawRad);
  const sin = Math.sin(c.yawRad);
  const u = dx * cos + dy * sin;
  const v = -dx * sin + dy * cos;
  return Math.abs(u) <= c.size.lengthM / 2 + marginM && Math.abs(v) <= c.size.widthM / 2 + marginM;
}

/** The smallest cuboid whose footprint contains the point (small boxes inside big ones stay pickable). */
export function cuboidAtPoint(
  cuboids: readonly Cuboid[],
  xM: number,
  yM: number,
  marginM = 0.15,
): Cuboid | null {
  let best: Cuboid | null = null;
  for (const c of cuboids) {
    if (!footprintContains(c, xM, yM, marginM)) continue;
    if (!best || c.size.lengthM * c.size.widthM < best.size.lengthM * best.size.widthM) best = c;
  }
  return best;
}
