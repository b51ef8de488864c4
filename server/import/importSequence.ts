import { randomUUID } from "node:crypto";
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import type { AnnotationOperation } from "../../core/api/annotationBatch";
import type { Cuboid } from "../../core/model/Cuboid";
import type { ServerDeps } from "../ServerDeps";
import { writeObjectVersions } from "../store/writeObjectVersions";
import { classesFor } from "./classesFor";
import { ImportError } from "./ImportError";
import { type ReadSequenceOptions, readSequenceFolder } from "./readSequenceFolder";
import { sourceFolder } from "./sourceFolder";

export interface ImportOptions extends ReadSequenceOptions {
  /** Remembered with the sequence; findSequenceBySourceKey finds it; a second import with it fails. */
  sourceKey?: string;
  /** The project the sequence joins; default: the Default project. */
  projectId?: string;
  onProgress?: (p: ImportProgress) => void;
}

export type ImportProgress =
  | { phase: "reading" }
  | { phase: "blobs"; done: number; total: number }
  | { phase: "database" };

/** What the CLI prints as its last line. */
export interface ImportResult {
  sequenceId: string;
  frames: number;
  cuboids: number;
  tracks: number;
}

/** Rows per frames INSERT (10 parameters each). */
const FRAME_CHUNK = 1000;

/**
 * Imports a sequence folder (native, SUSTechPOINTS, KITTI object or KITTI tracking; detected).
 * All or nothing: everything is parsed and checked first; blobs are written next (harmless if
 * the import then fails: content-addressed, unreferenced); every row — sequence, frames, the
 * import's entry in the operation log (revision 1, provenance "imported") and the objects — is
 * written in one transaction, so a crash at any point leaves no sequence behind.
 */
export async function importSequence(
  deps: ServerDeps,
  dirPath: string,
  options: ImportOptions = {},
): Promise<ImportResult> {
  const progress = options.onProgress ?? (() => {});
  progress({ phase: "reading" });
  const { parsed, root } = await readSequenceFolder(dirPath, options);
  const src = sourceFolder(root);

  const files = parsed.frames.flatMap((f) => [f.lidarPath, ...Object.values(f.imagePaths)]);
  for (const f of files) {
    const s = await stat(src.abs(f)).catch(() => null);
    if (!s?.isFile()) throw new ImportError(f, "missing");
    if (s.size === 0) throw new ImportError(f, "empty file (0 bytes)");
  }
  const hashes = new Map<string, string>();
  for (const [i, f] of files.entries()) {
    hashes.set(f, await deps.blobs.put(createReadStream(src.abs(f))));
    progress({ phase: "blobs", done: i + 1, total: files.length });
  }

  progress({ phase: "database" });
  const sequenceId = randomUUID();
  const nowIso = new Date().toISOString();
  const cuboids: Cuboid[] = parsed.boxes.map((b) => ({
    id: `${parsed.frames[b.frameIndex]!.name}:${b.trackId}`,
    trackId: b.trackId,
    frameIndex: b.frameIndex,
    centerM: b.centerM,
    size: b.size,
    yawRad: b.yawRad,
    pitchRad: b.pitchRad,
    rollRad: b.rollRad,
    className: b.className,
    attributes: b.attributes,
    provenance: "imported",
    updatedBy: "import",
    updatedAt: nowIso,
  }));
  const operations: AnnotationOperation[] = [
    ...parsed.tracks.map((track) => ({ op: "putTrack" as const, track })),
    ...cuboids.map((cuboid) => ({ op: "putCuboid" as const, cuboid })),
  ];
  const hasLabels = operations.length > 0;

  try {
    await deps.store.db.transaction().execute(async (tx) => {
      await tx
        .insertInto("sequences")
        .values({
          id: sequenceId,
          name: parsed.name,
          source_key: options.sourceKey ?? null,
          ...(options.projectId ? { project_id: options.projectId } : {}),
          created_at: nowIso,
          lidar_name: parsed.lidarName,
          cameras: JSON.stringify(parsed.cameras),
          classes: JSON.stringify(classesFor(parsed.boxes, parsed.classes)),
          head_revision: hasLabels ? 1 : 0,
        })
        .execute();
      for (let i = 0; i < parsed.frames.length; i += FRAME_CHUNK) {
        await tx
          .insertInto("frames")
          .values(
            parsed.frames.slice(i, i + FRAME_CHUNK).map((f, j) => ({
              sequence_id: sequenceId,
              frame_index: i + j,
              name: f.name,
              timestamp_us: f.timestampUs,
              world_from_lidar: JSON.stringify(f.worldFromLidar),
              lidar_blob: hashes.get(f.lidarPath)!,
              lidar_format: f.lidarFormat,
              image_blobs: JSON.stringify(
                Object.fromEntries(Object.entries(f.imagePaths).map(([c, p]) => [c, hashes.get(p)!])),
              ),
              source_meta: f.sourceMeta ? JSON.stringify(f.sourceMeta) : null,
            })),
          )
          .execute();
      }
      if (!hasLabels) return;
      await tx
        .insertInto("batches")
        .values({
          sequence_id: sequenceId,
          revision: 1,
          batch_id: `import:${sequenceId}`,
          author: "import",
          created_at: nowIso,
          provenance: "imported",
          operations: JSON.stringify(operations),
        })
        .execute();
      await writeObjectVersions(tx, sequenceId, 1, [
        ...parsed.tracks.map((t) => ({ kind: "track" as const, id: t.trackId, data: t })),
        ...cuboids.map((c) => ({ kind: "cuboid" as const, id: c.id, data: c })),
      ]);
    });
  } catch (e) {
    if ((e as { code?: string }).code === "23505" && options.sourceKey)
      throw new ImportError("", `a sequence with source key ${options.sourceKey} was already imported`);
    throw e;
  }
  return { sequenceId, frames: parsed.frames.length, cuboids: cuboids.length, tracks: parsed.tracks.length };
}
