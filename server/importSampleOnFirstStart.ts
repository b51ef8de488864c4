import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { type ImportProgress, importSequence } from "./import/importSequence";
import type { ServerDeps } from "./ServerDeps";
import { findSequenceBySourceKey } from "./store/findSequenceBySourceKey";

export type FirstStartOutcome =
  | { imported: true; sequenceId: string }
  | { imported: false; sequenceId: string };

/**
 * Imports the project's sample sequence unless this store already holds it. The key is the hash of the
 * sample's manifest, so a regenerated sample is imported again and an unchanged one never twice. The
 * import is one transaction: a start killed half-way leaves nothing, and the next start imports afresh.
 */
export async function importSampleOnFirstStart(
  deps: ServerDeps,
  sampleDir: string,
  onProgress?: (progress: ImportProgress) => void,
): Promise<FirstStartOutcome> {
  const manifestPath = path.join(sampleDir, "sequence.json");
  const manifest = await readFile(manifestPath).catch((error: NodeJS.ErrnoException) => {
    throw new Error(`sample sequence ${manifestPath} cannot be read (${error.code ?? error.message})`);
  });
  const sourceKey = `sample:${createHash("sha256").update(manifest).digest("hex")}`;
  const existing = await findSequenceBySourceKey(deps, sourceKey);
  if (existing) return { imported: false, sequenceId: existing.id };
  const result = await importSequence(deps, sampleDir, { sourceKey, onProgress });
  return { imported: true, sequenceId: result.sequenceId };
}
