import { addDays } from "./localDay";

export interface Forecast {
  /** Frames done per day over the window. */
  framesPerDay: number;
  remainingFrames: number;
  /** YYYY-MM-DD; null when nothing was done in the window (no rate to extrapolate). */
  finishDay: string | null;
}

/**
 * Extrapolates the recent rate: frames done in the `windowDays` days before `asOfDay` (calendar
 * days of the project's time zone), per day, and the day the remaining frames would be done at that
 * rate (`asOfDay` itself when none remain).
 */
export function forecastFinish(input: {
  remainingFrames: number;
  doneInWindow: number;
  windowDays: number;
  asOfDay: string;
}): Forecast {
  const framesPerDay = input.doneInWindow / input.windowDays;
  if (input.remainingFrames <= 0) return { framesPerDay, remainingFrames: 0, finishDay: input.asOfDay };
  if (framesPerDay === 0) return { framesPerDay, remainingFrames: input.remainingFrames, finishDay: null };
  return {
    framesPerDay,
    remainingFrames: input.remainingFrames,
    finishDay: addDays(input.asOfDay, Math.ceil(input.remainingFrames / framesPerDay)),
  };
}
