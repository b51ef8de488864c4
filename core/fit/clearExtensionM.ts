/**
 * A line of sight must run this far past where it enters an extension before its point counts as
 * seen through it (as scoreBoxByRays' see-through margin).
 */
const SEE_THROUGH_M = 0.3;
/**
 * Lines of sight this close to the extension's long sides do not count: they graze the object, or,
 * where its heading is a few degrees off, pass beside it (Argoverse log ≥ 0.7: 0.1 m 73.8%, 0.3 m
 * 74.5%, 0.5 m 74.2%).
 */
const SIDE_MARGIN_M = 0.3;

export interface ClearExtensionInput {
  /** The box's first axis (radians); the extension runs along it. */
  thetaRad: number;
  sensorM: { x: number; y: number };
  /** Where the object's seen points end along the first axis. */
  fromM: number;
  /** +1: the extension runs towards larger first-axis coordinates; −1: towards smaller. */
  direction: 1 | -1;
  /** How far the class prior would extend it. */
  maxM: number;
  /** The box's span across (second axis). */
  min2: number;
  max2: number;
  /** Bumper-high points around the object (interleaved xy): any vehicle would hide them. */
  blockers: Float32Array;
  /** This many points seen through the extension prove it empty. */
  minSeenThrough: number;
}

/**
 * How far (0…maxM) an object may be extended beyond its seen end before the lidar's lines of sight
 * contradict it: an extent the lidar did not see is completed from the class prior only where
 * nothing was seen through that space. Where something in front hides the object's far end, the
 * lines of sight are stopped before it and the prior completes it; where the lidar saw bumper-high
 * points behind the space the prior would fill (past a 6 m van whose prior is an 8 m truck), the
 * object ends where the first of those lines of sight enter it.
 */
export function clearExtensionM(i: ClearExtensionInput): number {
  const c = Math.cos(i.thetaRad);
  const s = Math.sin(i.thetaRad);
  const d = i.direction;
  const s1 = d * (i.sensorM.x * c + i.sensorM.y * s);
  const s2 = -i.sensorM.x * s + i.sensorM.y * c;
  const from = d * i.fromM;
  const lo2 = i.min2 + SIDE_MARGIN_M;
  const hi2 = i.max2 - SIDE_MARGIN_M;
  if (lo2 >= hi2 || s1 >= from) return i.maxM;
  const entries: number[] = [];
  for (let j = 0; j + 1 < i.blockers.length; j += 2) {
    const x = i.blockers[j] ?? 0;
    const y = i.blockers[j + 1] ?? 0;
    const p1 = d * (x * c + y * s);
    const p2 = -x * s + y * c;
    if (p1 <= from) continue;
    const d1 = p1 - s1;
    const d2 = p2 - s2;
    // The ray's share where it is past `from` and within the span across.
    let tIn = (from - s1) / d1;
    let tOut = 1;
    if (Math.abs(d2) < 1e-12) {
      if (s2 < lo2 || s2 > hi2) continue;
    } else {
      const ta = (lo2 - s2) / d2;
      const tb = (hi2 - s2) / d2;
      tIn = Math.max(tIn, Math.min(ta, tb));
      tOut = Math.min(tOut, Math.max(ta, tb));
    }
    if (tIn >= tOut) continue;
    if ((1 - tIn) * Math.hypot(d1, d2) < SEE_THROUGH_M) continue;
    entries.push(s1 + tIn * d1 - from);
  }
  if (entries.length < i.minSeenThrough) return i.maxM;
  entries.sort((a, b) => a - b);
  const firstClear = entries[i.minSeenThrough - 1] ?? i.maxM;
  return Math.max(0, Math.min(i.maxM, firstClear));
}
