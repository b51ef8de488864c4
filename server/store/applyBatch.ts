import type { AnnotationBatch, AnnotationOperation, BatchConflict } from "../../core/api/annotationBatch";
import { type Kysely, sql } from "kysely";
import { recordBoxEvents } from "../analytics/recordBoxEvents";
import { recordWorkTime } from "../analytics/recordWorkTime";
import type { Database } from "../db/openDatabase";
import type { Cuboid } from "../../core/model/Cuboid";
import { findTrackClassClashes } from "./findTrackClassClashes";
import { readAnnotations } from "./readAnnotations";
import { writeObjectVersions } from "./writeObjectVersions";

/** A batch that can never apply (bad reference, base revision from the future): HTTP 400. */
export class BatchRejectedError extends Error {
  override readonly name = "BatchRejectedError";
}

export type ApplyBatchResult =
  | { status: "accepted"; revision: number; duplicate: boolean }
  | { status: "conflict"; conflict: BatchConflict }
  | { status: "refused"; error: string; message: string }
  | { status: "not-found" };

const keyOf = (op: AnnotationOperation): { kind: "cuboid" | "track"; id: string } => {
  switch (op.op) {
    case "putCuboid":
      return { kind: "cuboid", id: op.cuboid.id };
    case "deleteCuboid":
      return { kind: "cuboid", id: op.id };
    case "putTrack":
      return { kind: "track", id: op.track.trackId };
    case "deleteTrack":
      return { kind: "track", id: op.trackId };
  }
};

/**
 * Applies a batch as one transaction and one entry of the operation log.
 * - Resending a batchId already accepted returns its revision (the retry after a lost reply).
 * - If any object the batch touches changed after baseRevision: conflict, nothing written.
 * - Otherwise revision = head + 1; each touched object gets a version at that revision.
 * Batches on one sequence are serialised by a row lock on the sequence (FOR UPDATE).
 */
export async function applyBatch(
  store: Database,
  sequenceId: string,
  batch: AnnotationBatch,
  /** Who sends it (the signed-in user); batch.author is ignored. */
  author: string,
  /**
   * A rule checked after the sequence's lock, so nothing that changes it (a task's workflow move
   * locks the same row) can slip between the check and the write: non-null refuses the batch.
   */
  check?: (tx: Database["db"]) => Promise<{ error: string; message: string } | null>,
  /** When it was accepted: now, except for tools that replay a recorded history (analytics seeds). */
  at: Date = new Date(),
): Promise<ApplyBatchResult> {
  const nowIso = at.toISOString();
  return store.db.transaction().execute(async (tx) => {
    const seq = await tx
      .selectFrom("sequences")
      .select("head_revision")
      .where("id", "=", sequenceId)
      .forUpdate()
      .executeTakeFirst();
    if (!seq) return { status: "not-found" } as const;
    // After the lock, in a statement of its own, so it sees a batch committed while we waited.
    const { done_revision: doneRevision, frame_count: frameCount } = (
      await sql<{ done_revision: number | null; frame_count: string }>`select
        (select revision from batches where sequence_id = ${sequenceId} and batch_id = ${batch.batchId}) as done_revision,
        (select count(*) from frames where sequence_id = ${sequenceId}) as frame_count`.execute(tx)
    ).rows[0]!;
    if (doneRevision !== null)
      return { status: "accepted", revision: doneRevision, duplicate: true } as const;
    const refusal = check ? await check(tx) : null;
    if (refusal) return { status: "refused", ...refusal } as const;
    if (batch.baseRevision > seq.head_revision)
      throw new BatchRejectedError(
        `baseRevision ${batch.baseRevision} is after the newest revision ${seq.head_revision} of sequence ${sequenceId}`,
      );

    const touched = new Map<string, { kind: "cuboid" | "track"; id: string }>();
    for (const op of batch.operations) {
      const k = keyOf(op);
      touched.set(`${k.kind}\u0000${k.id}`, k);
    }
    const changedSinceBase = await tx
      .selectFrom("objects")
      .select(["kind", "object_id"])
      .where("sequence_id", "=", sequenceId)
      .where("revision", ">", batch.baseRevision)
      .execute();
    const conflictingIds = changedSinceBase
      .filter((r) => touched.has(`${r.kind}\u0000${r.object_id}`))
      .map((r) => r.object_id);
    if (conflictingIds.length > 0) {
      const current = await readAnnotations({ db: tx }, sequenceId);
      return {
        status: "conflict",
        conflict: { error: "conflict", conflictingIds, current: current! },
      } as const;
    }

    await validateReferences(tx, sequenceId, batch, Number(frameCount));
    const revision = seq.head_revision + 1;
    // Later operations on the same object win within a batch; the log keeps them all.
    const operations = batch.operations.map((op) =>
      op.op === "putCuboid" ? { ...op, cuboid: { ...op.cuboid, updatedBy: author, updatedAt: nowIso } } : op,
    );
    const finalState = new Map<string, { kind: "cuboid" | "track"; id: string; data: unknown }>();
    for (const op of operations) {
      const k = keyOf(op);
      const data = op.op === "putCuboid" ? op.cuboid : op.op === "putTrack" ? op.track : null;
      finalState.set(`${k.kind}\u0000${k.id}`, { ...k, data });
    }
    // Two creators of one track id at once: the later one is told (409) and re-ids its track.
    const finalPuts = [...finalState.values()].flatMap((f) =>
      f.kind === "cuboid" && f.data ? [f.data as Cuboid] : [],
    );
    const finalDeletes = new Set(
      [...finalState.values()].flatMap((f) => (f.kind === "cuboid" && !f.data ? [f.id] : [])),
    );
    const clashes = await findTrackClassClashes(tx, sequenceId, finalPuts, finalDeletes);
    if (clashes.length > 0) {
      const current = await readAnnotations({ db: tx }, sequenceId);
      return {
        status: "conflict",
        conflict: { error: "conflict", conflictingIds: clashes, current: current! },
      } as const;
    }
    const provenance = [
      ...new Set(operations.flatMap((op) => (op.op === "putCuboid" ? [op.cuboid.provenance] : []))),
    ]
      .sort()
      .join(",");
    await tx
      .insertInto("batches")
      .values({
        sequence_id: sequenceId,
        revision,
        batch_id: batch.batchId,
        author,
        created_at: nowIso,
        provenance,
        operations: JSON.stringify(operations),
      })
      .execute();
    await writeObjectVersions(tx, sequenceId, revision, [...finalState.values()]);
    const untyped = tx as unknown as Kysely<unknown>;
    if (operations.some((op) => op.op === "putCuboid" || op.op === "deleteCuboid"))
      await recordBoxEvents(untyped, { sequenceId, revision });
    await recordWorkTime(untyped, sequenceId, revision);
    await tx.updateTable("sequences").set({ head_revision: revision }).where("id", "=", sequenceId).execute();
    return { status: "accepted", revision, duplicate: false } as const;
  });
}

/**
 * Cuboids must sit on an existing frame and belong to a track that exists after the batch, and a
 * deleted track must have no cuboids left after it.
 */
async function validateReferences(
  tx: Database["db"],
  sequenceId: string,
  batch: AnnotationBatch,
  frameCount: number,
): Promise<void> {
  await checkDeletedTracksAreEmpty(tx, sequenceId, batch);
  const puts = batch.operations.flatMap((op) => (op.op === "putCuboid" ? [op.cuboid] : []));
  if (puts.length === 0) return;
  const trackAlive = new Map<string, boolean>();
  for (const op of batch.operations) {
    if (op.op === "putTrack") trackAlive.set(op.track.trackId, true);
    if (op.op === "deleteTrack") trackAlive.set(op.trackId, false);
  }
  const unknown = [...new Set(puts.map((c) => c.trackId))].filter((t) => !trackAlive.has(t));
  if (unknown.length > 0) {
    const existing = await tx
      .selectFrom("objects")
      .select("object_id")
      .where("sequence_id", "=", sequenceId)
      .where("kind", "=", "track")
      .where("data", "is not", null)
      .where("object_id", "in", unknown)
      .execute();
    for (const r of existing) trackAlive.set(r.object_id, true);
  }
  for (const c of puts) {
    if (c.frameIndex >= frameCount)
      throw new BatchRejectedError(
        `cuboid ${c.id}: frameIndex ${c.frameIndex} is past the last frame ${frameCount - 1}`,
      );
    if (!trackAlive.get(c.trackId))
      throw new BatchRejectedError(`cuboid ${c.id}: track ${c.trackId} does not exist (put the track first)`);
  }
}

/** A track deleted by the batch must not keep cuboids that the batch neither deletes nor moves. */
async function checkDeletedTracksAreEmpty(
  tx: Database["db"],
  sequenceId: string,
  batch: AnnotationBatch,
): Promise<void> {
  const deleted = new Set<string>();
  const cuboidTrackAfter = new Map<string, string | null>();
  for (const op of batch.operations) {
    if (op.op === "deleteTrack") deleted.add(op.trackId);
    if (op.op === "putTrack") deleted.delete(op.track.trackId);
    if (op.op === "putCuboid") cuboidTrackAfter.set(op.cuboid.id, op.cuboid.trackId);
    if (op.op === "deleteCuboid") cuboidTrackAfter.set(op.id, null);
  }
  if (deleted.size === 0) return;
  const rows = await tx
    .selectFrom("objects")
    .select(["object_id", sql<string>`data->>'trackId'`.as("track_id")])
    .where("sequence_id", "=", sequenceId)
    .where("kind", "=", "cuboid")
    .where("data", "is not", null)
    .where(sql<string>`data->>'trackId'`, "in", [...deleted])
    .execute();
  for (const r of rows) {
    const after = cuboidTrackAfter.has(r.object_id) ? cuboidTrackAfter.get(r.object_id) : r.track_id;
    if (after !== null && after !== undefined && deleted.has(after))
      throw new BatchRejectedError(
        `deleteTrack ${after}: cuboid ${r.object_id} still belongs to it (delete its cuboids in the same batch)`,
      );
  }
}
