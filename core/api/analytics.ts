import { z } from "zod";

/** The JSON replies of /api/projects/{id}/analytics/* (each also answers CSV with ?format=). */

const personDayFiguresSchema = z.object({
  person: z.string(),
  day: z.string(),
  boxesCreated: z.number(),
  boxesEdited: z.number(),
  boxesDeleted: z.number(),
  machineBoxesCreated: z.number(),
  machineBoxesCorrected: z.number(),
  machineBoxesUnchanged: z.number(),
  boxFramesFinished: z.number(),
  activeSeconds: z.number(),
  secondsPerBox: z.number().nullable(),
  longestStretchSeconds: z.number(),
});

/** GET …/analytics/people: per person and day. */
export const peopleFiguresSchema = z.object({
  idleGapMinutes: z.number(),
  timeZone: z.string(),
  rows: z.array(personDayFiguresSchema),
});

/** GET …/analytics/stretches: continuous stretches of work, longest first. */
export const stretchesSchema = z.object({
  idleGapMinutes: z.number(),
  breakAfterMinutes: z.number(),
  timeZone: z.string(),
  rows: z.array(
    z.object({
      person: z.string(),
      start: z.string(),
      end: z.string(),
      seconds: z.number(),
      saves: z.number(),
    }),
  ),
});

/** GET …/analytics/tasks: box work per task. */
export const taskFiguresSchema = z.object({
  rows: z.array(
    z.object({
      taskId: z.string(),
      name: z.string(),
      state: z.string(),
      labeler: z.string().nullable(),
      reviewer: z.string().nullable(),
      frames: z.number(),
      boxes: z.number(),
      boxesCreated: z.number(),
      boxesEdited: z.number(),
      machineBoxesCreated: z.number(),
      machineBoxesCorrected: z.number(),
    }),
  ),
});

/** GET …/analytics/ledger: pay per person and class (micros are exact; `amount` is for display). */
export const ledgerSchema = z.object({
  currency: z.string(),
  rows: z.array(
    z.object({
      person: z.string(),
      className: z.string(),
      boxes: z.number(),
      machineUnchanged: z.number(),
      rateMicros: z.number(),
      amountMicros: z.number(),
      amount: z.string(),
      currency: z.string(),
    }),
  ),
  totalMicros: z.number(),
  total: z.string(),
});

const stageCountSchema = z.object({ frames: z.number(), boxes: z.number() });

/** GET …/analytics/progress: frames and boxes by stage, frames labeled per day, the forecast. */
export const progressSchema = z.object({
  totalFrames: z.number(),
  labeled: stageCountSchema,
  submitted: stageCountSchema,
  inReview: stageCountSchema,
  accepted: stageCountSchema,
  framesLabeledPerDay: z.array(z.object({ day: z.string(), frames: z.number() })),
  forecast: z.object({
    framesPerDay: z.number(),
    remainingFrames: z.number(),
    finishDay: z.string().nullable(),
    windowDays: z.number(),
    asOf: z.string(),
  }),
  timeZone: z.string(),
});

/** GET …/analytics/review: rejections by reason, rework per labeler, reviewer corrections. */
export const reviewFiguresSchema = z.object({
  reasons: z.array(z.object({ reason: z.string(), label: z.string(), count: z.number() })),
  labelers: z.array(z.object({ person: z.string(), rejections: z.number(), reworkRounds: z.number() })),
  corrections: z.array(
    z.object({
      reviewer: z.string(),
      person: z.string(),
      boxes: z.number(),
      meanBevIou: z.number(),
      meanCenterDistanceM: z.number(),
      meanHeadingDiffDeg: z.number(),
      meanSizeDiffM: z.number(),
    }),
  ),
});
