import type { AnnotationSnapshot } from "../../core/api/annotationBatch";
import type { Cuboid } from "../../core/model/Cuboid";
import type { Track } from "../../core/model/Track";
import type { Database } from "../db/openDatabase";

export class RevisionNotFoundError extends Error {
  override readonly name = "RevisionNotFoundError";
}

type Reader = Pick<Database, "db">;

/** Sorts a snapshot's objects: tracks by id, cuboids by frame then id (stable across stores). */
export function snapshotFromRows(
  revision: number,
  rows: ReadonlyArray<{ kind: string; data: unknown }>,
): AnnotationSnapshot {
  const tracks: Track[] = [];
  const cuboids: Cuboid[] = [];
  for (const r of rows) {
    if (r.data === null) continue;
    if (r.kind === "track") tracks.push(r.data as Track);
    else cuboids.push(r.data as Cuboid);
  }
  tracks.sort((a, b) => (a.trackId < b.trackId ? -1 : a.trackId > b.trackId ? 1 : 0));
  cuboids.sort((a, b) => a.frameIndex - b.frameIndex || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { revision, tracks, cuboids };
}

/**
 * The annotations of a sequence now, or as of `revision` (what they were right after that batch).
 * Null when there is no such sequence; RevisionNotFoundError for a revision after the newest.
 */
export async function readAnnotations(
  store: Reader,
  sequenceId: string,
  revision?: number,
): Promise<AnnotationSnapshot | null> {
  const seq = await store.db
    .selectFrom("sequences")
    .select("head_revision")
    .where("id", "=", sequenceId)
    .executeTakeFirst();
  if (!seq) return null;
  if (revision === undefined || revision === seq.head_revision) {
    const rows = await store.db
      .selectFrom("objects")
      .select(["kind", "data"])
      .where("sequence_id", "=", sequenceId)
      .where("data", "is not", null)
      .execute();
    return snapshotFromRows(seq.head_revision, rows);
  }
  if (revision > seq.head_revision)
    throw new RevisionNotFoundError(
      `sequence ${sequenceId} has no revision ${revision}: the newest is ${seq.head_revision}`,
    );
  const rows = await store.db
    .selectFrom("object_versions")
    .distinctOn(["kind", "object_id"])
    .select(["kind", "object_id", "data"])
    .where("sequence_id", "=", sequenceId)
    .where("revision", "<=", revision)
    .orderBy("kind")
    .orderBy("object_id")
    .orderBy("revision", "desc")
    .execute();
  return snapshotFromRows(revision, rows);
}
