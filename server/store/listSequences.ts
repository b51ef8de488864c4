import { sql } from "kysely";
import type { SequenceSummary } from "../../core/model/Sequence";
import type { Database } from "../db/openDatabase";

/** Every sequence, oldest first. */
export async function listSequences(store: Database): Promise<SequenceSummary[]> {
  const rows = await store.db
    .selectFrom("sequences as s")
    .select([
      "s.id",
      "s.name",
      "s.created_at",
      sql<string>`(select count(*) from frames f where f.sequence_id = s.id)`.as("frame_count"),
    ])
    .orderBy("s.created_at")
    .orderBy("s.id")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    frameCount: Number(r.frame_count),
    createdAt: r.created_at.toISOString(),
  }));
}
