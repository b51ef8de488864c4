import { sql } from "kysely";
import type { Cuboid } from "../../core/model/Cuboid";
import type { PredictionCounts } from "../../core/api/predictions";
import { type PredictionOutcome, predictionOutcome } from "../../core/prelabel/predictionOutcome";
import type { Database } from "../db/openDatabase";
import { PREDICTION_BATCH_PREFIX } from "./predictionBatchId";

/**
 * Accepted / corrected / rejected / pending predicted boxes per model over a project's sequences,
 * from the operation log: every version of every cuboid that a model ever made, in order
 * (predictionOutcome). The model is the one of the box's first predicted version.
 */
export async function queryPredictionCounts(
  store: Pick<Database, "db">,
  projectId: string,
): Promise<PredictionCounts> {
  const rows = await sql<{
    sequence_id: string;
    object_id: string;
    data: Cuboid | null;
    batch_id: string | null;
  }>`
    select v.sequence_id, v.object_id, v.data, b.batch_id
    from object_versions v
    join sequences s on s.id = v.sequence_id and s.project_id = ${projectId}
    left join batches b on b.sequence_id = v.sequence_id and b.revision = v.revision
    where v.kind = 'cuboid' and exists (
      select 1 from object_versions p
      where p.sequence_id = v.sequence_id and p.kind = 'cuboid' and p.object_id = v.object_id
        and p.data -> 'prediction' is not null)
    order by v.sequence_id, v.object_id, v.revision`.execute(store.db);
  const byModel = new Map<string, PredictionCounts["models"][number]>();
  const tally = (versions: Array<{ data: Cuboid | null; byImport: boolean }>) => {
    const source = versions.find((v) => v.data?.prediction)?.data?.prediction;
    const outcome: PredictionOutcome | null = predictionOutcome(versions);
    if (!source || !outcome) return;
    const key = `${source.model}\u0000${source.version}`;
    const counts = byModel.get(key) ?? {
      model: source.model,
      version: source.version,
      accepted: 0,
      corrected: 0,
      rejected: 0,
      pending: 0,
    };
    counts[outcome]++;
    byModel.set(key, counts);
  };
  let key = "";
  let versions: Array<{ data: Cuboid | null; byImport: boolean }> = [];
  for (const r of rows.rows) {
    const k = `${r.sequence_id}\u0000${r.object_id}`;
    if (k !== key) {
      tally(versions);
      key = k;
      versions = [];
    }
    const data = typeof r.data === "string" ? (JSON.parse(r.data) as Cuboid) : r.data;
    versions.push({ data, byImport: r.batch_id?.startsWith(PREDICTION_BATCH_PREFIX) ?? false });
  }
  tally(versions);
  return {
    models: [...byModel.values()].sort((a, b) =>
      a.model === b.model ? (a.version < b.version ? -1 : 1) : a.model < b.model ? -1 : 1,
    ),
  };
}
