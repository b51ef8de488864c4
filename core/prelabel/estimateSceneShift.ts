/** A BEV displacement, metres. */
export interface Shift2 {
  x: number;
  y: number;
  /** Pairs agreeing with it; 0 when no shift was found. */
  support: number;
}

/** Displacements this close to each other are the same motion. */
const AGREE_M = 0.6;
/** Fewer agreeing pairs than this is chance, not the static world. */
const MIN_SUPPORT = 3;

/**
 * Without ego poses, how far the static world appears to have moved between two sets of object
 * centres (previous → current, sensor frame): the displacement most pairs within `maxShiftM`
 * agree on. Parked cars, poles and trees outnumber movers, so the mode is the ego motion's
 * translation (its rotation is left out: 2° over 0.1 s moves a car at 30 m by 1 m, within the gate).
 */
export function estimateSceneShift(
  previous: ReadonlyArray<{ x: number; y: number }>,
  current: ReadonlyArray<{ x: number; y: number }>,
  maxShiftM: number,
): Shift2 {
  const dx: number[] = [];
  const dy: number[] = [];
  for (const p of previous) {
    for (const c of current) {
      const x = c.x - p.x;
      const y = c.y - p.y;
      if (x * x + y * y <= maxShiftM * maxShiftM) {
        dx.push(x);
        dy.push(y);
      }
    }
  }
  let best: Shift2 = { x: 0, y: 0, support: 0 };
  for (let i = 0; i < dx.length; i++) {
    let n = 0;
    let sx = 0;
    let sy = 0;
    for (let j = 0; j < dx.length; j++) {
      if (
        Math.abs((dx[j] ?? 0) - (dx[i] ?? 0)) <= AGREE_M &&
        Math.abs((dy[j] ?? 0) - (dy[i] ?? 0)) <= AGREE_M
      ) {
        n++;
        sx += dx[j] ?? 0;
        sy += dy[j] ?? 0;
      }
    }
    if (n > best.support) best = { x: sx / n, y: sy / n, support: n };
  }
  return best.support >= MIN_SUPPORT ? best : { x: 0, y: 0, support: 0 };
}
