import { describe, expect, it } from "vitest";
import { alignYawModPi, wrapAngleRad, yawErrorMod2PiRad, yawErrorModPiRad } from "./angles";

describe("angles", () => {
  it("wraps into (−π, π]", () => {
    expect(wrapAngleRad(3 * Math.PI)).toBeCloseTo(Math.PI, 12);
    expect(wrapAngleRad(-Math.PI)).toBeCloseTo(Math.PI, 12);
    expect(wrapAngleRad(7)).toBeCloseTo(7 - 2 * Math.PI, 12);
  });
  it("measures yaw errors mod 2π and mod π", () => {
    expect(yawErrorMod2PiRad(0.1, 0.1 + Math.PI)).toBeCloseTo(Math.PI, 12);
    expect(yawErrorModPiRad(0.1, 0.1 + Math.PI)).toBeCloseTo(0, 12);
    expect(yawErrorModPiRad(-3.1, 3.1)).toBeCloseTo(2 * Math.PI - 6.2, 12);
  });
  it("picks the k·π twin nearest a reference", () => {
    expect(alignYawModPi(Math.PI + 0.2, 0)).toBeCloseTo(0.2, 12);
    expect(alignYawModPi(0.2, 3)).toBeCloseTo(0.2 + Math.PI, 12);
  });
});
