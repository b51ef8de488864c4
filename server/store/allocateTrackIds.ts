import { sql } from "kysely";
import type { Database } from "../db/openDatabase";

/**
 * Hands out `count` fresh track ids of a sequence ("17", "18", …), never below a numeric id it
 * already holds, so two clients can no longer both pick "max + 1". One statement under the
 * sequence's row lock; null when the sequence does not exist.
 */
export async function allocateTrackIds(
  store: Database,
  sequenceId: string,
  count: number,
): Promise<string[] | null> {
  const row = await sql<{ next: number }>`
    update sequences set next_track_number = greatest(
      next_track_number,
      coalesce((select max(object_id::bigint) + 1 from objects
        where sequence_id = ${sequenceId} and kind = 'track' and object_id ~ '^[0-9]{1,9}$'), 1)
    ) + ${count}
    where id = ${sequenceId}
    returning next_track_number as next`.execute(store.db);
  const next = row.rows[0]?.next;
  if (next === undefined) return null;
  return Array.from({ length: count }, (_, i) => String(next - count + i));
}
