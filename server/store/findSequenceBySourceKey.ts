import type { SequenceSummary } from "../../core/model/Sequence";
import type { ServerDeps } from "../ServerDeps";
import { listSequences } from "./listSequences";

/**
 * The sequence imported with this source key (importSequence's `sourceKey`), or null. A first
 * start uses it to skip a sample it already imported; an import is one transaction, so a
 * sequence found here is complete.
 */
export async function findSequenceBySourceKey(
  deps: Pick<ServerDeps, "store">,
  sourceKey: string,
): Promise<SequenceSummary | null> {
  const row = await deps.store.db
    .selectFrom("sequences")
    .select("id")
    .where("source_key", "=", sourceKey)
    .executeTakeFirst();
  if (!row) return null;
  return (await listSequences(deps.store)).find((s) => s.id === row.id) ?? null;
}
