import { z } from "zod";

export const sequenceSummarySchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  frameCount: z.number().int().nonnegative(),
  createdAt: z.string(),
});
export type SequenceSummary = z.infer<typeof sequenceSummarySchema>;
