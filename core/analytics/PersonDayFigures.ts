/** One person's figures on one day of the project's time zone (core/analytics/localDay). */
export interface PersonDayFigures {
  person: string;
  /** YYYY-MM-DD in the time zone the figures were asked in. */
  day: string;
  boxesCreated: number;
  boxesEdited: number;
  boxesDeleted: number;
  machineBoxesCreated: number;
  machineBoxesCorrected: number;
  /** Machine boxes this person made that nobody changed since (counted on the day they were made). */
  machineBoxesUnchanged: number;
  /** Boxes that exist now whose last change was this person's, on this day. */
  boxFramesFinished: number;
  /** Gaps of at most the idle limit between this person's saves, credited to the day of the later one. */
  activeSeconds: number;
  /** activeSeconds / (created + edited), to 0.01 s; null when no box was worked. */
  secondsPerBox: number | null;
  /** The longest continuous stretch that began this day. */
  longestStretchSeconds: number;
}

export type PersonDayCounts = Omit<PersonDayFigures, "secondsPerBox">;

/** The one rule for seconds per box. */
export const secondsPerBox = (activeSeconds: number, boxes: number): number | null =>
  boxes === 0 ? null : Math.round((activeSeconds / boxes) * 100) / 100;

export const emptyCounts = (person: string, day: string): PersonDayCounts => ({
  person,
  day,
  boxesCreated: 0,
  boxesEdited: 0,
  boxesDeleted: 0,
  machineBoxesCreated: 0,
  machineBoxesCorrected: 0,
  machineBoxesUnchanged: 0,
  boxFramesFinished: 0,
  activeSeconds: 0,
  longestStretchSeconds: 0,
});

/** Adds seconds per box and sorts by day, then person. */
export const finishPersonDays = (counts: Iterable<PersonDayCounts>): PersonDayFigures[] =>
  [...counts]
    .map((c) => ({ ...c, secondsPerBox: secondsPerBox(c.activeSeconds, c.boxesCreated + c.boxesEdited) }))
    .sort((a, b) => (a.day === b.day ? (a.person < b.person ? -1 : 1) : a.day < b.day ? -1 : 1));
