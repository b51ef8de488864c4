import { describe, expect, it } from "vitest";
import { type ClusterShape, classifyCluster } from "./classifyCluster";

/** A car seen at ~30 m, side and roof in view: the shape every case below departs from. */
const car: ClusterShape = {
  lengthM: 3.6,
  widthM: 1.8,
  heightM: 1.6,
  upperSpanRatio: 0.6,
  lowerSpanRatio: 0.9,
  pointCount: 150,
  rangeM: 30,
  overheadShare: 0,
  lowOccludedShare: 0,
  tallShare: 0,
};

describe("classifyCluster", () => {
  it("keeps a car seen from straight behind, whose roof is a short strip of the seen length", () => {
    // Argoverse: labelled cars at 30 m, 100–180 points, roof span 0.13–0.20 of the blob.
    const rear = classifyCluster({
      ...car,
      lengthM: 3.2,
      widthM: 2.0,
      upperSpanRatio: 0.17,
      lowerSpanRatio: 0.99,
    });
    expect(rear?.className).toBe("Car");
    expect(rear?.shapeScore).toBeLessThan(classifyCluster(car)?.shapeScore ?? 0);
  });

  it("rejects a blob with no top that does not reach its bumpers, or reaches the clustering ceiling", () => {
    expect(classifyCluster({ ...car, upperSpanRatio: 0.1, lowerSpanRatio: 0.4 })).toBeNull();
    expect(classifyCluster({ ...car, upperSpanRatio: 0.1, heightM: 2.45 })).toBeNull();
  });

  it("keeps a roof with nothing low only when something nearer hides its lower half", () => {
    const roofOnly = { ...car, lowerSpanRatio: 0, upperSpanRatio: 0.8 };
    expect(classifyCluster(roofOnly)).toBeNull();
    expect(classifyCluster({ ...roofOnly, lowOccludedShare: 0.9 })?.className).toBe("Car");
    // A crown: nothing low, something high above it, even behind a parked car.
    expect(classifyCluster({ ...roofOnly, lowOccludedShare: 0.9, overheadShare: 0.5 })).toBeNull();
  });

  it("calls the rear of a truck a truck, and the same face under something taller a building", () => {
    // Argoverse: a 6 × 2.5 × 2.7 m truck seen from behind, its top above the 2.5 m ceiling.
    const rear = {
      ...car,
      lengthM: 3.5,
      widthM: 2.5,
      heightM: 2.5,
      upperSpanRatio: 0.95,
      lowerSpanRatio: 0.99,
      pointCount: 1000,
      overheadShare: 0.9,
    };
    expect(classifyCluster(rear)?.className).toBe("Truck");
    expect(classifyCluster({ ...rear, tallShare: 0.6 })).toBeNull();
  });

  it("doubts a sparse walker-sized blob as deep as it is long, not a well-seen one", () => {
    // Argoverse: the near end of a car at 45–70 m, 1.0–1.3 m × 0.7–1.0 m, 11–40 points, taken for
    // a walker in 20 frames, and 1.15 m × 0.9 m blobs of 80 points at 25 m; SUSTechPOINTS: a
    // walker pushing a pram at 10 m, 1.08 × 0.95 m, 303 points.
    const walker = { ...car, lengthM: 0.6, widthM: 0.4, heightM: 1.7, upperSpanRatio: 0.6, pointCount: 30 };
    const one = classifyCluster(walker)?.shapeScore ?? 0;
    const carEnd = classifyCluster({ ...walker, lengthM: 1.1, widthM: 0.9, pointCount: 30 });
    expect(carEnd?.className).toBe("Pedestrian");
    expect(carEnd?.shapeScore ?? 1).toBeLessThan(0.5 * one);
    const bush = classifyCluster({ ...walker, lengthM: 1.15, widthM: 0.9, pointCount: 80 });
    expect(bush?.shapeScore ?? 1).toBeLessThan(0.5 * one);
    const pram = classifyCluster({ ...walker, lengthM: 1.08, widthM: 0.95, pointCount: 300 });
    expect(pram?.shapeScore).toBe(one);
  });
});
