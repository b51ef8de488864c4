import type { AnnotationOperation } from "../../core/api/annotationBatch";
import type { Database } from "../db/openDatabase";

/** One entry of the operation log: an accepted batch. */
export interface HistoryEntry {
  revision: number;
  batchId: string;
  author: string;
  /** ISO 8601, server clock. */
  createdAt: string;
  /** Distinct provenances of the cuboids the batch put, comma-separated. */
  provenance: string;
  operations: AnnotationOperation[];
}

/** The operation log of a sequence after `afterRevision`, oldest first; null for an unknown sequence. */
export async function readHistory(
  store: Pick<Database, "db">,
  sequenceId: string,
  afterRevision: number,
): Promise<HistoryEntry[] | null> {
  const seq = await store.db
    .selectFrom("sequences")
    .select("id")
    .where("id", "=", sequenceId)
    .executeTakeFirst();
  if (!seq) return null;
  const rows = await store.db
    .selectFrom("batches")
    .selectAll()
    .where("sequence_id", "=", sequenceId)
    .where("revision", ">", afterRevision)
    .orderBy("revision")
    .execute();
  return rows.map((r) => ({
    revision: r.revision,
    batchId: r.batch_id,
    author: r.author,
    createdAt: r.created_at.toISOString(),
    provenance: r.provenance,
    operations: r.operations as AnnotationOperation[],
  }));
}
