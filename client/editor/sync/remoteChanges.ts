import type { AnnotationOperation } from "../../../core/api/annotationBatch";
import type { Cuboid } from "../../../core/model/Cuboid";
import type { Track } from "../../../core/model/Track";

/** An accepted batch as the live stream and GET /history carry it (server/store/readHistory.ts). */
export interface RemoteBatch {
  revision: number;
  batchId: string;
  author: string;
  operations: AnnotationOperation[];
}

/** Each object a batch touched and what it is after the batch (null: deleted); later operations win. */
export function remoteChanges(batch: Pick<RemoteBatch, "operations">): {
  cuboids: Map<string, Cuboid | null>;
  tracks: Map<string, Track | null>;
} {
  const cuboids = new Map<string, Cuboid | null>();
  const tracks = new Map<string, Track | null>();
  for (const op of batch.operations) {
    if (op.op === "putCuboid") cuboids.set(op.cuboid.id, op.cuboid);
    else if (op.op === "deleteCuboid") cuboids.set(op.id, null);
    else if (op.op === "putTrack") tracks.set(op.track.trackId, op.track);
    else tracks.set(op.trackId, null);
  }
  return { cuboids, tracks };
}
