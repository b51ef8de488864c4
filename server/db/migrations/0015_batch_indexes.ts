import { type Kysely, sql } from "kysely";

/**
 * The batch path's per-track lookups (class clashes, deleted tracks keeping boxes) read a sequence's
 * live boxes by `data->>'trackId'`: without this index each save scanned every box of the sequence
 * (2,400 rows of the sample) to find the one or two of its tracks.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create index objects_cuboids_by_track on objects (sequence_id, (data->>'trackId'))
    where kind = 'cuboid' and data is not null`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index objects_cuboids_by_track`.execute(db);
}
