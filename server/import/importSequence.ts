import { randomUUID } from "node:crypto";
import { createReadStream } from "node:fs";
import type { Cuboid } from "../../core/model/Cuboid";
import { collectBlobs } from "../blobs/collectBlobs";
import type { ServerDeps } from "../ServerDeps";
import { DuplicateImportError } from "./DuplicateImportError";
import type { ParsedSequence } from "./ParsedSequence";
import { type PrepareOptions, prepareImport } from "./prepareImport";
import { sourceFolder } from "./sourceFolder";
import { storeImportedSequence } from "./storeImportedSequence";
import { updateFromImport } from "./updateFromImport";
import { must } from "../../core/model/must";
import { analyzeAfterImport } from "../store/analyzeAfterImport";

export interface ImportOptions extends PrepareOptions {
  /** Remembered with the sequence; findSequenceBySourceKey finds it; a second import with it fails. */
  sourceKey?: string;
  /** The project the sequence joins; default: the Default project. */
  projectId?: string;
  /**
   * When the same recording (prepareImport's fingerprint) was imported before: "refuse" (default,
   * DuplicateImportError), "update" (its labels replace that sequence's, as one batch) or "new".
   */
  onDuplicate?: "refuse" | "update" | "new";
  onProgress?: (p: ImportProgress) => void;
}

export type ImportProgress =
  | { phase: "reading" }
  | { phase: "validating"; done: number; total: number }
  | { phase: "blobs"; done: number; total: number }
  | { phase: "database" };

/** What the CLI prints as its last line. */
export interface ImportResult {
  sequenceId: string;
  frames: number;
  cuboids: number;
  tracks: number;
  /** Unknown calibration keys, cameras left out, decoder quirks: things the user should know. */
  warnings: string[];
  /** Set when an earlier import of the same recording was updated instead of a new sequence made. */
  updated?: { revision: number; changedObjects: number };
}

/**
 * The imported boxes as cuboids; ids are "<frame name>:<track id>", stable across re-imports.
 * Provenance is "imported" unless the source kept it (a native export).
 */
function cuboidsOf(parsed: ParsedSequence, nowIso: string): Cuboid[] {
  return parsed.boxes.map((b) => ({
    id: `${must(parsed.frames[b.frameIndex], `frame ${b.frameIndex}`).name}:${b.trackId}`,
    trackId: b.trackId,
    frameIndex: b.frameIndex,
    centerM: b.centerM,
    size: b.size,
    yawRad: b.yawRad,
    pitchRad: b.pitchRad,
    rollRad: b.rollRad,
    className: b.className,
    attributes: b.attributes,
    provenance: b.provenance ?? "imported",
    updatedBy: b.updatedBy ?? "import",
    updatedAt: b.updatedAt ?? nowIso,
  }));
}

/**
 * Imports a sequence folder (native, SUSTechPOINTS, KITTI object or KITTI tracking; detected).
 * All or nothing: everything is parsed and checked first (prepareImport: every sweep decoded,
 * every image header read); blobs are written next; every row is written in one transaction
 * (storeImportedSequence). If anything fails after the first blob, the blobs this import added
 * that no frame references are removed again: a refused import leaves no rows and no blobs.
 */
export async function importSequence(
  deps: ServerDeps,
  dirPath: string,
  options: ImportOptions = {},
): Promise<ImportResult> {
  const progress = options.onProgress ?? (() => {});
  const { parsed, root, sha256, fingerprint, preview } = await prepareImport(deps, dirPath, {
    ...options,
    onProgress: progress,
  });
  const cuboids = cuboidsOf(parsed, new Date().toISOString());
  const counts = {
    frames: parsed.frames.length,
    cuboids: cuboids.length,
    tracks: parsed.tracks.length,
    warnings: preview.warnings,
  };
  const onDuplicate = options.onDuplicate ?? "refuse";
  if (preview.duplicateOf && onDuplicate === "refuse")
    throw new DuplicateImportError(preview.duplicateOf.sequenceId, preview.duplicateOf.name);
  if (preview.duplicateOf && onDuplicate === "update") {
    progress({ phase: "database" });
    const { sequenceId } = preview.duplicateOf;
    const { revision, changed } = await updateFromImport(deps, sequenceId, parsed.tracks, cuboids);
    await analyzeAfterImport(deps.store);
    return { sequenceId, ...counts, updated: { revision, changedObjects: changed } };
  }

  const src = sourceFolder(root);
  const files = parsed.frames.flatMap((f) => [f.lidarPath, ...Object.values(f.imagePaths)]);
  const hashes = new Map<string, string>();
  const added: string[] = [];
  try {
    for (const [i, f] of files.entries()) {
      const hash = must(sha256.get(f), `the sha256 of ${f}`);
      if (!(await deps.blobs.has(hash))) added.push(hash);
      hashes.set(f, await deps.blobs.put(createReadStream(src.abs(f))));
      progress({ phase: "blobs", done: i + 1, total: files.length });
    }
    progress({ phase: "database" });
    const sequenceId = randomUUID();
    await storeImportedSequence(deps, {
      sequenceId,
      parsed,
      cuboids,
      hashes,
      fingerprint,
      sourceKey: options.sourceKey,
      projectId: options.projectId,
    });
    await analyzeAfterImport(deps.store);
    return { sequenceId, ...counts };
  } catch (e) {
    await collectBlobs(deps, added).catch(() => {});
    throw e;
  }
}
