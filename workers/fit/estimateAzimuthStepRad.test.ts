import { describe, expect, it } from "vitest";
import { estimateAzimuthStepRad } from "./estimateAzimuthStepRad";

/** Returns on columns every `stepDeg` from `fromDeg`, `beams` per column at ranges 10, 11, … m, seen from (sx, sy). */
function columns(
  fromDeg: number,
  count: number,
  stepDeg: number,
  beams: number,
  sx = 0,
  sy = 0,
): Float32Array {
  const out: number[] = [];
  for (let c = 0; c < count; c++) {
    const a = ((fromDeg + c * stepDeg) * Math.PI) / 180;
    for (let b = 0; b < beams; b++) out.push(sx + (10 + b) * Math.cos(a), sy + (10 + b) * Math.sin(a), -1);
  }
  return new Float32Array(out);
}

describe("estimateAzimuthStepRad", () => {
  it("measures the column step of a scan whose beams share columns, from wherever the sensor is", () => {
    expect(estimateAzimuthStepRad(columns(20, 30, 0.72, 8), 0, 0)).toBeCloseTo((0.72 * Math.PI) / 180, 6);
    expect(estimateAzimuthStepRad(columns(-100, 30, 0.2, 4, 5, -3), 5, -3)).toBeCloseTo(
      (0.2 * Math.PI) / 180,
      6,
    );
  });

  it("sees interleaved beams as the finer spacing (in plan view they fill each other's gaps)", () => {
    const a = columns(20, 30, 0.4, 1);
    const b = columns(20.2, 30, 0.4, 1);
    const both = new Float32Array([...a, ...b]);
    expect(estimateAzimuthStepRad(both, 0, 0)).toBeCloseTo((0.2 * Math.PI) / 180, 6);
  });

  it("is NaN with too few distinct azimuths", () => {
    expect(estimateAzimuthStepRad(columns(0, 2, 1, 5), 0, 0)).toBeNaN();
    expect(estimateAzimuthStepRad(new Float32Array(0), 0, 0)).toBeNaN();
  });
});
