const DAY_MS = 86_400_000;

export interface Forecast {
  /** Frames done per day over the window. */
  framesPerDay: number;
  remainingFrames: number;
  /** YYYY-MM-DD; null when nothing was done in the window (no rate to extrapolate). */
  finishDay: string | null;
}

/**
 * Extrapolates the recent rate: frames done in the last `windowDays` days before `nowMs`, per day,
 * and the day the remaining frames would be done at that rate (the current day when none remain).
 */
export function forecastFinish(input: {
  remainingFrames: number;
  doneInWindow: number;
  windowDays: number;
  nowMs: number;
}): Forecast {
  const framesPerDay = input.doneInWindow / input.windowDays;
  const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  if (input.remainingFrames <= 0) return { framesPerDay, remainingFrames: 0, finishDay: day(input.nowMs) };
  if (framesPerDay === 0) return { framesPerDay, remainingFrames: input.remainingFrames, finishDay: null };
  const days = Math.ceil(input.remainingFrames / framesPerDay);
  return {
    framesPerDay,
    remainingFrames: input.remainingFrames,
    finishDay: day(input.nowMs + days * DAY_MS),
  };
}
