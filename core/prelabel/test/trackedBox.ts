import { carDetection } from "./carDetection";
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
  const d = carDetection(x, y, {
    yawRad,
    score: 0.8,
    seenLengthM,
    seenWidthM: 1,
    refit: (size, yawHintRad = yawRad) => ({ centerM: { x, y, z: -1 }, size, yawRad: yawHintRad }),
  });
  return { ...d, trackId };
}
