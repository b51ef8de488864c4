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
  /** One page: the sequences after the cursor `after` (nextCursor of the page before), at most `limit`. */
  page?: { after?: string; limit: number },
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
  if (page?.after) {
    const [createdAt, id] = parseCursor(page.after);
    q = q.where((eb) =>
      eb.or([
        eb("s.created_at", ">", new Date(createdAt)),
        eb.and([eb("s.created_at", "=", new Date(createdAt)), eb("s.id", ">", id)]),
      ]),
    );
  }
  if (page) q = q.limit(page.limit);
  const rows = await q.execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    frameCount: Number(r.frame_count),
    createdAt: r.created_at.toISOString(),
    projectId: r.project_id,
  }));
}

/** A page cursor: the last sequence of a page, opaque to clients. */
export const sequenceCursor = (s: { createdAt: string; id: string }): string =>
  Buffer.from(JSON.stringify([s.createdAt, s.id])).toString("base64url");

/** Thrown for a cursor this server did not make (the route answers 400). */
export class BadCursorError extends Error {
  override readonly name = "BadCursorError";
}

function parseCursor(cursor: string): [string, string] {
  try {
    const v = JSON.parse(Buffer.from(cursor, "base64url").toString()) as unknown;
    if (
      Array.isArray(v) &&
      typeof v[0] === "string" &&
      typeof v[1] === "string" &&
      !Number.isNaN(Date.parse(v[0]))
    )
      return [v[0], v[1]];
  } catch {}
  throw new BadCursorError(`after: ${cursor.slice(0, 40)} is not a cursor from a previous page`);
}
