import { describe, expect, it } from "vitest";
import { searchRectangleAngle } from "./searchRectangleAngle";

/** A car's rear (1.8 m) and side (4 m) as a lidar sees them, every 5 cm, the car at `yawRad`; plus `strays`. */
function lShape(yawRad: number, strays: readonly [number, number][]): Float32Array {
  const local: [number, number][] = [];
  for (let v = 0; v <= 1.8 + 1e-9; v += 0.05) local.push([0, v]);
  for (let u = 0.05; u <= 4 + 1e-9; u += 0.05) local.push([u, 0]);
  const c = Math.cos(yawRad);
  const s = Math.sin(yawRad);
  const out: number[] = [];
  for (const [u, v] of [...local, ...strays]) out.push(20 + u * c - v * s, 5 + u * s + v * c);
  return new Float32Array(out);
}

const deg = (r: number) => (r * 180) / Math.PI;
/** Angle between two rectangle orientations (mod 90°), degrees. */
const offDeg = (a: number, b: number) => {
  const d = ((deg(a - b) % 90) + 90) % 90;
  return Math.min(d, 90 - d);
};

describe("searchRectangleAngle", () => {
  it("finds an L-shape's heading", () => {
    const yaw = (12 * Math.PI) / 180;
    expect(offDeg(searchRectangleAngle(lShape(yaw, [])), yaw)).toBeLessThan(0.3);
  });

  it("is not pulled off the faces by a stray return (a mirror 0.5 m out from the side)", () => {
    // Against the extreme points the mirror moved the side's edge off the side's 80 points, and
    // the best rectangle turned 1.6° to hug the mirror and the side's near end (now 0.6°).
    const yaw = (12 * Math.PI) / 180;
    const theta = searchRectangleAngle(lShape(yaw, [[1.2, -0.5]]));
    expect(offDeg(theta, yaw)).toBeLessThan(1);
  });
});
