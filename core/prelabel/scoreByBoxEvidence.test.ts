import { describe, expect, it } from "vitest";
import { must } from "../model/must";
import { detectObjects } from "./detectObjects";
import { detectScoredObjects } from "./detectScoredObjects";
import { measureBoxEvidence } from "./measureBoxEvidence";
import { boxEvidenceFactor } from "./scoreByBoxEvidence";
import { boxSurfacePoints, carSurfacePoints, groundPoints, type SyntheticGround } from "./syntheticScene";

const flat: SyntheticGround = { z0: -1.8, slopeX: 0, slopeY: 0 };
const frame = (pts: number[]) => ({ positions: new Float32Array(pts), originM: { x: 0, y: 0, z: 0 } });
const car = { x: 12, y: 5, yawRad: 0, lengthM: 4.5, widthM: 1.85, heightM: 1.5 };
/**
 * The object's box, 5 cm bigger each way across and its bottom 10 cm under the ground, so no point
 * lies on a face or on the ground cut whatever the rounding.
 */
const boxAt = (b: typeof car) => ({
  centerM: { x: b.x, y: b.y, z: flat.z0 + b.heightM / 2 },
  size: { lengthM: b.lengthM + 0.1, widthM: b.widthM + 0.1, heightM: b.heightM + 0.2 },
  yawRad: b.yawRad,
});

describe("measureBoxEvidence", () => {
  it("sees a car's stepped top and nothing around it", () => {
    const [e] = measureBoxEvidence(new Float32Array(carSurfacePoints(flat, car)), { x: 0, y: 0, z: 0 }, [
      boxAt(car),
    ]);
    const ev = must(e, "evidence");
    expect(ev.inside).toBeGreaterThan(100);
    expect(ev.topRelief).toBeGreaterThan(0.35);
    expect(ev.collarShare).toBe(0);
    // Seen side-on: 4.5 m of face, air under the sills between the wheels.
    expect(ev.faceLengthM).toBeGreaterThan(4);
    expect(ev.baseCover).toBeLessThan(0.5);
    expect(boxEvidenceFactor("Car", ev)).toBe(1);
  });

  it("sees a hedge's level top, and the hedge going on past a car-sized box cut out of it", () => {
    // A 12 m hedge along the car's axis, 1.2 m deep and 1.6 m tall; the box covers 4.5 m of it.
    const hedge = boxSurfacePoints(flat, { ...car, lengthM: 12, widthM: 1.2, heightM: 1.6, clearanceM: 0 });
    const [e] = measureBoxEvidence(new Float32Array(hedge), { x: 0, y: 0, z: 0 }, [
      boxAt({ ...car, widthM: 1.2, heightM: 1.6 }),
    ]);
    const ev = must(e, "evidence");
    expect(ev.topRelief).toBeLessThan(0.1);
    expect(ev.collarShare).toBeGreaterThan(0.2);
    expect(ev.baseCover).toBeGreaterThan(0.9);
    expect(boxEvidenceFactor("Car", ev)).toBeLessThan(0.1);
  });

  it("reads points in cloud-local coordinates with the cloud's origin added back", () => {
    const originM = { x: 100, y: -50, z: 3 };
    const shift = [originM.x, originM.y, originM.z];
    const local = carSurfacePoints(flat, car).map((v, i) => v - (shift[i % 3] ?? 0));
    const [a] = measureBoxEvidence(new Float32Array(carSurfacePoints(flat, car)), { x: 0, y: 0, z: 0 }, [
      boxAt(car),
    ]);
    const [b] = measureBoxEvidence(new Float32Array(local), originM, [boxAt(car)]);
    expect(must(b, "b").inside).toBe(must(a, "a").inside);
    expect(must(b, "b").topRelief).toBeCloseTo(must(a, "a").topRelief, 3);
  });

  it("leaves people, cyclists, vans and trucks to their shape: only a car is judged by its top", () => {
    // People are judged by what stands around them only (see "boxEvidenceFactor for people").
    const level = { inside: 200, collarShare: 0, topM: 2.4, topRelief: 0, baseCover: 0, faceLengthM: 4 };
    expect(boxEvidenceFactor("Van", level)).toBe(1);
    expect(boxEvidenceFactor("Truck", level)).toBe(1);
    expect(boxEvidenceFactor("Pedestrian", { ...level, baseCover: 1 })).toBe(1);
    expect(boxEvidenceFactor("Car", level)).toBeCloseTo(0.2, 9);
  });

  it("judges what stands under a face seen side-on, never under a rear or a front seen alone", () => {
    const stepped = {
      inside: 200,
      collarShare: 0,
      topM: 1.5,
      topRelief: 0.5,
      baseCover: 1,
      faceLengthM: 4.2,
    };
    // A hedge's or a wall's base along its whole side keeps 30 %; a car's bumper seen from behind keeps all.
    expect(boxEvidenceFactor("Car", stepped)).toBeCloseTo(0.3, 9);
    expect(boxEvidenceFactor("Car", { ...stepped, faceLengthM: 1.8 })).toBe(1);
    expect(boxEvidenceFactor("Car", { ...stepped, baseCover: 0.3 })).toBe(1);
  });
});

describe("detectScoredObjects on synthetic clouds", () => {
  it("keeps a car's score and scores a car-sized hedge slab, which shape alone passes, below half of it", () => {
    const ground = groundPoints(flat, 40);
    const [found] = detectScoredObjects(frame([...ground, ...carSurfacePoints(flat, car)]));
    const carScore = must(found, "the car").score;
    expect(must(found, "the car").className).toBe("Car");
    expect(carScore).toBeGreaterThan(0.5);
    // A clipped hedge the size of a car: level 1.5 m top, 1.6 m deep; shape alone takes it for a car.
    const slab = boxSurfacePoints(
      flat,
      { x: -10, y: 8, yawRad: 1.1, lengthM: 4.2, widthM: 1.6, heightM: 1.5 },
      0.08,
    );
    const shapeOnly = detectObjects(frame([...ground, ...slab]));
    const scored = detectScoredObjects(frame([...ground, ...slab]));
    expect(shapeOnly.map((d) => d.className)).toEqual(["Car"]);
    expect(must(shapeOnly[0], "slab").score).toBeGreaterThan(0.5);
    expect(scored).toHaveLength(1);
    expect(must(scored[0], "slab").score).toBeLessThan(0.5);
    expect(must(scored[0], "slab").score).toBeLessThan(carScore / 2);
    // The top relief goes on to the track's score (scoreByTrackEvidence): stepped car, level slab.
    expect(must(found, "the car").topRelief).toBeGreaterThan(0.35);
    expect(must(scored[0], "slab").topRelief).toBeLessThan(0.2);
  });
});

describe("boxEvidenceFactor for people", () => {
  const evidence = (collarShare: number) => ({
    inside: 40,
    collarShare,
    topM: 1.7,
    topRelief: 0,
    baseCover: 1,
    faceLengthM: 0.5,
  });

  it("keeps a walker standing apart or in a group, judged by neither top nor base", () => {
    expect(boxEvidenceFactor("Pedestrian", evidence(0))).toBe(1);
    // A neighbour within the collar (people walking side by side).
    expect(boxEvidenceFactor("Pedestrian", evidence(0.8))).toBe(1);
  });

  it("cuts a person-sized stub with more points around it than inside (a piece of a hedge)", () => {
    expect(boxEvidenceFactor("Pedestrian", evidence(1.75))).toBeCloseTo(0.7, 9);
    expect(boxEvidenceFactor("Cyclist", evidence(3))).toBeCloseTo(0.4, 9);
  });

  it("cuts a stub cut out of a real hedge's points", () => {
    // A 6 m hedge 0.6 m deep and 1.6 m tall; a walker-sized box over 0.6 m of it.
    const hedge = boxSurfacePoints(flat, { ...car, lengthM: 6, widthM: 0.6, heightM: 1.6, clearanceM: 0 });
    const stub = { ...car, lengthM: 0.6, widthM: 0.6, heightM: 1.6 };
    const [e] = measureBoxEvidence(new Float32Array(hedge), { x: 0, y: 0, z: 0 }, [boxAt(stub)]);
    expect(boxEvidenceFactor("Pedestrian", must(e, "evidence"))).toBeLessThan(0.6);
  });
});
