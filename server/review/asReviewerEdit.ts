import type { AnnotationBatch } from "../../core/api/annotationBatch";

/** A reviewer's batch with their hand edits marked "review" (machine steps keep their own provenance). */
export function asReviewerEdit(batch: AnnotationBatch): AnnotationBatch {
  return {
    ...batch,
    operations: batch.operations.map((op) =>
      op.op === "putCuboid" && op.cuboid.provenance === "human"
        ? { ...op, cuboid: { ...op.cuboid, provenance: "review" } }
        : op,
    ),
  };
}
