import { sql } from "kysely";
import type { Cuboid } from "../../core/model/Cuboid";
import type { Database } from "../db/openDatabase";

/**
 * Track ids under which the batch would leave boxes of two different classes in one frame (two
 * people who both created "their" track 70 at once): the batch's own boxes against each other and
 * against the stored boxes it does not replace. Probed before this check: track 70 held a Car and a
 * Pedestrian in one frame while both screens said "saved".
 */
export async function findTrackClassClashes(
  tx: Database["db"],
  sequenceId: string,
  /** The cuboids the batch leaves (its last put of each id); `deleted` are the ids it removes. */
  puts: Cuboid[],
  deleted: Set<string>,
): Promise<string[]> {
  if (puts.length === 0) return [];
  const clashes = new Set<string>();
  const classAt = new Map<string, string>();
  for (const c of puts) {
    const key = `${c.trackId}\u0000${c.frameIndex}`;
    const seen = classAt.get(key);
    if (seen !== undefined && seen !== c.className) clashes.add(c.trackId);
    classAt.set(key, c.className);
  }
  const replaced = new Set([...puts.map((c) => c.id), ...deleted]);
  const stored = await tx
    .selectFrom("objects")
    .select([
      "object_id",
      sql<string>`data->>'trackId'`.as("track_id"),
      sql<number>`(data->>'frameIndex')::int`.as("frame_index"),
      sql<string>`data->>'className'`.as("class_name"),
    ])
    .where("sequence_id", "=", sequenceId)
    .where("kind", "=", "cuboid")
    .where("data", "is not", null)
    .where(sql<string>`data->>'trackId'`, "in", [...new Set(puts.map((c) => c.trackId))])
    .execute();
  for (const r of stored) {
    if (replaced.has(r.object_id)) continue;
    const mine = classAt.get(`${r.track_id}\u0000${r.frame_index}`);
    if (mine !== undefined && mine !== r.class_name) clashes.add(r.track_id);
  }
  return [...clashes].sort();
}
