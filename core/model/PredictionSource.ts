import { z } from "zod";

/**
 * Where a machine pre-label came from: the model's name and version and its score. Kept on the
 * cuboid for its whole life (a person's edit changes the provenance, not this), so the counts of
 * accepted / corrected / rejected predictions per model can be told from the operation log.
 */
export const predictionSourceSchema = z.object({
  model: z.string().min(1).max(100),
  version: z.string().min(1).max(100),
  /** The model's confidence, 0..1. */
  score: z.number().min(0).max(1),
});
export type PredictionSource = z.infer<typeof predictionSourceSchema>;
