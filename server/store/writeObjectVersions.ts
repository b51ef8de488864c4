import { sql } from "kysely";
import type { Database } from "../db/openDatabase";

/** Rows per INSERT: 5 parameters each stays far below PostgreSQL's 65,535-parameter limit. */
const CHUNK = 2000;

/**
 * Records a version of each object at `revision` (data null = deleted) and makes it current.
 * Called inside the batch's (or import's) transaction.
 */
export async function writeObjectVersions(
  tx: Database["db"],
  sequenceId: string,
  revision: number,
  objects: ReadonlyArray<{ kind: "cuboid" | "track"; id: string; data: unknown }>,
): Promise<void> {
  for (let i = 0; i < objects.length; i += CHUNK) {
    const rows = objects.slice(i, i + CHUNK).map((o) => ({
      sequence_id: sequenceId,
      kind: o.kind,
      object_id: o.id,
      revision,
      data: o.data === null ? null : JSON.stringify(o.data),
    }));
    await tx.insertInto("object_versions").values(rows).execute();
    await tx
      .insertInto("objects")
      .values(rows)
      .onConflict((oc) =>
        oc.columns(["sequence_id", "kind", "object_id"]).doUpdateSet({
          revision: sql`excluded.revision`,
          data: sql`excluded.data`,
        }),
      )
      .execute();
  }
}
