/** A run of input with no gap longer than the idle limit. */
export interface WorkStretch {
  startMs: number;
  endMs: number;
}

/**
 * Splits one person's input times into continuous stretches: a gap longer than `idleGapMs` ends a
 * stretch. Active time is the sum of the stretches (a lone input counts 0 s). Times in any order.
 */
export function workStretches(timesMs: readonly number[], idleGapMs: number): WorkStretch[] {
  const sorted = [...timesMs].sort((a, b) => a - b);
  const out: WorkStretch[] = [];
  for (const t of sorted) {
    const last = out[out.length - 1];
    if (last && t - last.endMs <= idleGapMs) last.endMs = t;
    else out.push({ startMs: t, endMs: t });
  }
  return out;
}

/** Seconds of active work in `timesMs`: the gaps of at most `idleGapMs` between successive inputs. */
export const activeSeconds = (timesMs: readonly number[], idleGapMs: number): number =>
  workStretches(timesMs, idleGapMs).reduce((s, w) => s + (w.endMs - w.startMs), 0) / 1000;
