import { z } from "zod";
import { annotationOperationSchema } from "./annotationBatch";

/** One entry of a sequence's operation log: an accepted batch. */
export const historyEntrySchema = z.object({
  revision: z.number().int(),
  batchId: z.string(),
  author: z.string(),
  createdAt: z.string(),
  provenance: z.string(),
  operations: z.array(annotationOperationSchema),
});

/** GET /api/sequences/:id/history: a page of the log, and where the next one starts (null: the end). */
export const historyPageSchema = z.object({
  entries: z.array(historyEntrySchema),
  nextAfterRevision: z.number().int().nullable(),
});
export type HistoryPage = z.infer<typeof historyPageSchema>;
