import type { Detection } from "../detectObjects";
import type { TrackedDetection } from "../trackDetections";

/**
 * A tracked car box whose refit echoes the heading it is asked for (the fit itself is tested
 * in core/fit): `seenLengthM` is the longest extent its points showed, `yawRad` its own heading.
 */
export function trackedBox(
  trackId: number,
  x: number,
  y: number,
  yawRad: number,
  seenLengthM: number,
): TrackedDetection {
  const d: Detection = {
    className: "Car",
    centerM: { x, y, z: -1 },
    size: { lengthM: 4.5, widthM: 1.8, heightM: 1.5 },
    yawRad,
    score: 0.8,
    pointCount: 100,
    shape: {
      lengthM: seenLengthM,
      widthM: 1,
      heightM: 1.5,
      upperSpanRatio: 0.6,
      lowerSpanRatio: 0.9,
      overheadShare: 0,
      lowOccludedShare: 0,
      tallShare: 0,
      pointCount: 100,
      rangeM: 10,
    },
    refit: (size, yawHintRad = yawRad) => ({ centerM: { x, y, z: -1 }, size, yawRad: yawHintRad }),
  };
  return { ...d, trackId };
}
