import type { Detection } from "../detectObjects";

/**
 * A car detection at (x, y) for tracking tests: class-size box, a shape whose seen extents are
 * `seenLengthM` × `seenWidthM`, and the given refit (none by default).
 */
export function carDetection(
  x: number,
  y: number,
  options: {
    yawRad?: number;
    score?: number;
    seenLengthM?: number;
    seenWidthM?: number;
    refit?: Detection["refit"];
    points?: Float32Array;
  } = {},
): Detection {
  return {
    className: "Car",
    centerM: { x, y, z: -1 },
    size: { lengthM: 4.5, widthM: 1.8, heightM: 1.5 },
    yawRad: options.yawRad ?? 0,
    score: options.score ?? 0.9,
    pointCount: 100,
    shape: {
      lengthM: options.seenLengthM ?? 4.5,
      widthM: options.seenWidthM ?? 1.8,
      heightM: 1.5,
      upperSpanRatio: 0.6,
      lowerSpanRatio: 0.9,
      overheadShare: 0,
      lowOccludedShare: 0,
      tallShare: 0,
      pointCount: 100,
      rangeM: 10,
    },
    points: () => options.points ?? new Float32Array(),
    refit: options.refit ?? (() => null),
  };
}
