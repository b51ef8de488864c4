import { sql } from "kysely";
import type { ServerDeps } from "../ServerDeps";

/** Hashes per query (one bind parameter each). */
const CHUNK = 2000;

/**
 * Deletes those of `hashes` that no frame references (as its sweep or one of its images): after
 * a failed import (its new blobs) and after a sequence is deleted (its blobs no other sequence
 * shares). Returns how many were deleted.
 */
export async function collectBlobs(deps: ServerDeps, hashes: Iterable<string>): Promise<number> {
  const candidates = [...new Set(hashes)];
  let deleted = 0;
  for (let i = 0; i < candidates.length; i += CHUNK) {
    const chunk = candidates.slice(i, i + CHUNK);
    const used = await sql<{ hash: string }>`
      select lidar_blob as hash from frames where lidar_blob in (${sql.join(chunk)})
      union
      select e.value as hash from frames f, jsonb_each_text(f.image_blobs) e
        where e.value in (${sql.join(chunk)})`.execute(deps.store.db);
    const keep = new Set(used.rows.map((r) => r.hash));
    for (const h of chunk)
      if (!keep.has(h)) {
        await deps.blobs.delete(h);
        deleted++;
      }
  }
  return deleted;
}
