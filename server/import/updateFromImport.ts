import type { AnnotationOperation } from "../../core/api/annotationBatch";
import type { Cuboid } from "../../core/model/Cuboid";
import type { ServerDeps } from "../ServerDeps";
import { applyBatch } from "../store/applyBatch";
import { readAnnotations } from "../store/readAnnotations";
import type { Track } from "../../core/model/Track";
import { ImportError } from "./ImportError";

/** JSON with sorted keys: jsonb does not keep the order the object was written in. */
const canonical = (v: unknown): string =>
  JSON.stringify(v, (_, x) =>
    x && typeof x === "object" && !Array.isArray(x)
      ? Object.fromEntries(Object.entries(x).sort(([a], [b]) => (a < b ? -1 : 1)))
      : x,
  );
/** Same placement, class and attributes (who stamped it and when do not count). */
const sameBox = (a: Cuboid, b: Cuboid) =>
  canonical({ ...a, provenance: 0, updatedBy: 0, updatedAt: 0 }) ===
  canonical({ ...b, provenance: 0, updatedBy: 0, updatedAt: 0 });

/**
 * A re-import of a recording already stored: its labels replace the sequence's current ones as
 * one batch through the one write path (applyBatch), so the change is in the history and can be
 * compared with what was there. Returns the new revision, or the current one when nothing changed.
 */
export async function updateFromImport(
  deps: ServerDeps,
  sequenceId: string,
  tracks: Track[],
  cuboids: Cuboid[],
): Promise<{ revision: number; changed: number }> {
  const current = await readAnnotations(deps.store, sequenceId);
  if (!current) throw new ImportError("", `sequence ${sequenceId} to update does not exist`);
  const oldCuboids = new Map(current.cuboids.map((c) => [c.id, c]));
  const newIds = new Set(cuboids.map((c) => c.id));
  const newTrackIds = new Set(tracks.map((t) => t.trackId));
  const oldTracks = new Map(current.tracks.map((t) => [t.trackId, t]));
  const operations: AnnotationOperation[] = [
    ...tracks
      .filter((t) => canonical(oldTracks.get(t.trackId)) !== canonical(t))
      .map((track) => ({ op: "putTrack" as const, track })),
    ...cuboids
      .filter((c) => {
        const old = oldCuboids.get(c.id);
        return !old || !sameBox(old, c);
      })
      .map((cuboid) => ({ op: "putCuboid" as const, cuboid })),
    ...current.cuboids
      .filter((c) => !newIds.has(c.id))
      .map((c) => ({ op: "deleteCuboid" as const, id: c.id })),
    ...current.tracks
      .filter((t) => !newTrackIds.has(t.trackId))
      .map((t) => ({ op: "deleteTrack" as const, trackId: t.trackId })),
  ];
  if (operations.length === 0) return { revision: current.revision, changed: 0 };
  const result = await applyBatch(
    deps.store,
    sequenceId,
    {
      batchId: `reimport:${sequenceId}:${current.revision}`,
      baseRevision: current.revision,
      author: "import",
      operations,
    },
    "import",
  );
  if (result.status !== "accepted")
    throw new ImportError("", `sequence ${sequenceId} changed while it was being updated; try again`);
  return { revision: result.revision, changed: operations.length };
}
