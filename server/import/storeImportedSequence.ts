import { needsEstimatedPoses } from "../poses/defineEgoPoseJobs";
import type { Kysely } from "kysely";
import { recordBoxEvents } from "../analytics/recordBoxEvents";
import type { AnnotationOperation } from "../../core/api/annotationBatch";
import type { Cuboid } from "../../core/model/Cuboid";
import type { ServerDeps } from "../ServerDeps";
import { writeObjectVersions } from "../store/writeObjectVersions";
import { classesFor } from "./classesFor";
import { ImportError } from "./ImportError";
import type { ParsedSequence } from "./ParsedSequence";
import { must } from "../../core/model/must";

/** Rows per frames INSERT (10 parameters each). */
const FRAME_CHUNK = 1000;

export interface ImportedRows {
  sequenceId: string;
  parsed: ParsedSequence;
  cuboids: Cuboid[];
  /** Relative path → blob hash, for every file the frames refer to. */
  hashes: Map<string, string>;
  fingerprint: string;
  sourceKey: string | undefined;
  /** The project the sequence joins; undefined: the Default project. */
  projectId?: string | undefined;
}

/**
 * Writes an imported sequence's rows in one transaction: the sequence, its frames, the import's
 * entry in the operation log (revision 1, provenance "imported") and the objects. A crash at any
 * point leaves no sequence behind.
 */
export async function storeImportedSequence(deps: ServerDeps, rows: ImportedRows): Promise<void> {
  const { sequenceId, parsed, cuboids, hashes } = rows;
  const nowIso = new Date().toISOString();
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
          source_key: rows.sourceKey ?? null,
          source_fingerprint: rows.fingerprint,
          ...(rows.projectId ? { project_id: rows.projectId } : {}),
          created_at: nowIso,
          lidar_name: parsed.lidarName,
          cameras: JSON.stringify(parsed.cameras),
          classes: JSON.stringify(classesFor(parsed.boxes, parsed.classes)),
          head_revision: hasLabels ? 1 : 0,
          // Recorded without poses: a job estimates them from the lidar (server/poses).
          ego_poses: needsEstimatedPoses(parsed.frames.map((f) => f.worldFromLidar)) ? "pending" : "recorded",
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
              lidar_blob: must(hashes.get(f.lidarPath), `the blob of ${f.lidarPath}`),
              lidar_format: f.lidarFormat,
              image_blobs: JSON.stringify(
                Object.fromEntries(
                  Object.entries(f.imagePaths).map(([c, p]) => [c, must(hashes.get(p), `the blob of ${p}`)]),
                ),
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
      await recordBoxEvents(tx as unknown as Kysely<unknown>, { sequenceId, revision: 1 });
    });
  } catch (e) {
    if ((e as { code?: string }).code === "23505" && rows.sourceKey)
      throw new ImportError("", `a sequence with source key ${rows.sourceKey} was already imported`);
    throw e;
  }
}
