import { sql } from "kysely";
import type { Database } from "../db/openDatabase";
import { PREDICTION_BATCH_PREFIX } from "./predictionBatchId";

/** Ids per statement: far below PostgreSQL's 65,535 parameters. */
const CHUNK = 5000;

/**
 * Of `ids`, the cuboids that some batch other than a prediction import ever wrote: a person's edit,
 * accept, fit, review or QA fix, or a version with no batch (written by a sequence import). Such a
 * box is "touched": a re-import of predictions never changes or removes it.
 */
export async function touchedCuboidIds(
  store: Pick<Database, "db">,
  sequenceId: string,
  ids: readonly string[],
): Promise<Set<string>> {
  const touched = new Set<string>();
  for (let i = 0; i < ids.length; i += CHUNK) {
    const rows = await store.db
      .selectFrom("object_versions as v")
      .leftJoin("batches as b", (j) =>
        j.onRef("b.sequence_id", "=", "v.sequence_id").onRef("b.revision", "=", "v.revision"),
      )
      .select("v.object_id")
      .distinct()
      .where("v.sequence_id", "=", sequenceId)
      .where("v.kind", "=", "cuboid")
      .where("v.object_id", "in", ids.slice(i, i + CHUNK))
      .where((w) =>
        w.or([
          w("b.batch_id", "is", null),
          w("b.batch_id", "not like", sql<string>`${`${PREDICTION_BATCH_PREFIX}%`}`),
        ]),
      )
      .execute();
    for (const r of rows) touched.add(r.object_id);
  }
  return touched;
}
