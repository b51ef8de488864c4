import { z } from "zod";

/** POST /api/sequences/:id/predictions: what the import wrote (server/prelabel/applyPredictions). */
export const predictionImportResultSchema = z.object({
  status: z.literal("applied"),
  /** The batch's revision (the current one when nothing changed). */
  revision: z.number().int().nonnegative(),
  added: z.number().int().nonnegative(),
  /** Untouched boxes of an earlier run of the same model, deleted. */
  replaced: z.number().int().nonnegative(),
  /** Boxes of the same model a person touched, kept. */
  keptTouched: z.number().int().nonnegative(),
  /** New boxes over a kept box (the same object), left out. */
  skippedOverlap: z.number().int().nonnegative(),
  /** New boxes outside the task's frames, left out. */
  skippedOutsideRange: z.number().int().nonnegative(),
});
export type PredictionImportResult = z.infer<typeof predictionImportResultSchema>;

/** GET /api/projects/:id/prediction-counts: per model (name and version), what people did with its boxes. */
export const predictionCountsSchema = z.object({
  models: z.array(
    z.object({
      model: z.string(),
      version: z.string(),
      accepted: z.number().int().nonnegative(),
      corrected: z.number().int().nonnegative(),
      rejected: z.number().int().nonnegative(),
      pending: z.number().int().nonnegative(),
    }),
  ),
});
export type PredictionCounts = z.infer<typeof predictionCountsSchema>;
