import { z } from "zod";
import { cuboidSchema } from "../model/Cuboid";
import { trackSchema } from "../model/Track";

/**
 * One edit in a batch. A batch is applied atomically as one entry of the operation log.
 * Objects are addressed by id (cuboids) and trackId (tracks).
 */
export const annotationOperationSchema = z.discriminatedUnion("op", [
  z.object({ op: z.literal("putCuboid"), cuboid: cuboidSchema }),
  z.object({ op: z.literal("deleteCuboid"), id: z.string().min(1) }),
  z.object({ op: z.literal("putTrack"), track: trackSchema }),
  z.object({ op: z.literal("deleteTrack"), trackId: z.string().min(1) }),
]);
export type AnnotationOperation = z.infer<typeof annotationOperationSchema>;

/** POST /api/sequences/:id/annotations/batches */
export const annotationBatchSchema = z.object({
  /** Client-chosen id; resending the same batch id is idempotent (the retry after a lost reply). */
  batchId: z.string().min(8).max(100),
  /** The revision the client's edits are based on. */
  baseRevision: z.number().int().nonnegative(),
  /** Ignored, kept for old clients: the server records the signed-in user as the author. */
  author: z.string().min(1).max(200).optional(),
  operations: z.array(annotationOperationSchema).min(1).max(10_000),
});
export type AnnotationBatch = z.infer<typeof annotationBatchSchema>;

/** 200 reply. */
export const batchAcceptedSchema = z.object({ revision: z.number().int() });

/** GET /api/sequences/:id/annotations[?revision=N] and the body of a 409. */
export const annotationSnapshotSchema = z.object({
  revision: z.number().int().nonnegative(),
  tracks: z.array(trackSchema),
  cuboids: z.array(cuboidSchema),
});
export type AnnotationSnapshot = z.infer<typeof annotationSnapshotSchema>;

/** 409 reply: the objects the batch touched that changed after its base revision, and the current state. */
export const batchConflictSchema = z.object({
  error: z.literal("conflict"),
  conflictingIds: z.array(z.string()),
  current: annotationSnapshotSchema,
});
export type BatchConflict = z.infer<typeof batchConflictSchema>;
