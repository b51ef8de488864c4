/**
 * When to remind someone to take a break: after `breakAfterMs` of continuous work, where a pause
 * longer than `idleGapMs` (the same idle limit as active time) ends a stretch. Pure state: the
 * workspace feeds it input times and asks whether a reminder is due.
 */
export interface BreakTimer {
  /** Start of the current stretch; null before any input. */
  stretchStartMs: number | null;
  lastInputMs: number | null;
}

export const newBreakTimer = (): BreakTimer => ({ stretchStartMs: null, lastInputMs: null });

/** Records an input at `nowMs`; a pause longer than the idle gap starts a new stretch. */
export function recordInput(timer: BreakTimer, nowMs: number, idleGapMs: number): BreakTimer {
  const resting = timer.lastInputMs === null || nowMs - timer.lastInputMs > idleGapMs;
  return { stretchStartMs: resting ? nowMs : timer.stretchStartMs, lastInputMs: nowMs };
}

/** Minutes of the current stretch when a reminder is due at `nowMs` (still working, stretch long enough); else null. */
export function breakDue(
  timer: BreakTimer,
  nowMs: number,
  settings: { idleGapMs: number; breakAfterMs: number },
): number | null {
  if (timer.stretchStartMs === null || timer.lastInputMs === null) return null;
  if (nowMs - timer.lastInputMs > settings.idleGapMs) return null;
  const workedMs = timer.lastInputMs - timer.stretchStartMs;
  return workedMs >= settings.breakAfterMs ? Math.floor(workedMs / 60_000) : null;
}

/** After "I'll take it later": the stretch counts again from now, so the next reminder comes one break length later. */
export const snooze = (timer: BreakTimer, nowMs: number): BreakTimer => ({ ...timer, stretchStartMs: nowMs });
