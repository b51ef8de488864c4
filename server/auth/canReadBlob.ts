import { sql } from "kysely";
import type { Database } from "../db/openDatabase";
import type { Principal } from "./Principal";

/**
 * Whether a blob (point cloud or image) belongs to a frame of a sequence the caller may read.
 * Admins read everything; others through membership of the sequence's project.
 */
export async function canReadBlob(store: Database, principal: Principal, hash: string): Promise<boolean> {
  if (principal.isAdmin) return true;
  // The point cloud first (indexed), then the images.
  const row = await sql<{ ok: boolean }>`select
      exists (select 1 from frames f join sequences s on s.id = f.sequence_id
        join project_members m on m.project_id = s.project_id and m.user_id = ${principal.userId}
        where f.lidar_blob = ${hash})
      or exists (select 1 from frames f join sequences s on s.id = f.sequence_id
        join project_members m on m.project_id = s.project_id and m.user_id = ${principal.userId}
        where exists (select 1 from jsonb_each_text(f.image_blobs) i where i.value = ${hash})) as ok`.execute(
    store.db,
  );
  return row.rows[0]?.ok === true;
}
