import { sql } from "kysely";
import type { SequenceSummary } from "../../core/model/Sequence";
import type { Database } from "../db/openDatabase";

/**
 * The sequences, oldest first: every one, or those of projects `memberId` belongs to, optionally
 * only those of one project.
 */
export async function listSequences(
  store: Database,
  filter: { memberId?: string; projectId?: string } = {},
): Promise<Array<SequenceSummary & { projectId: string }>> {
  let q = store.db
    .selectFrom("sequences as s")
    .select([
      "s.id",
      "s.name",
      "s.created_at",
      "s.project_id",
      sql<string>`(select count(*) from frames f where f.sequence_id = s.id)`.as("frame_count"),
    ])
    .orderBy("s.created_at")
    .orderBy("s.id");
  if (filter.projectId) q = q.where("s.project_id", "=", filter.projectId);
  if (filter.memberId)
    q = q.where(
      "s.project_id",
      "in",
      store.db.selectFrom("project_members").select("project_id").where("user_id", "=", filter.memberId),
    );
  const rows = await q.execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    frameCount: Number(r.frame_count),
    createdAt: r.created_at.toISOString(),
    projectId: r.project_id,
  }));
}
