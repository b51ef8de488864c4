import type { AnnotationBatch, AnnotationOperation, BatchConflict } from "../../core/api/annotationBatch";
import { type RawBuilder, sql } from "kysely";
import { boxEventsOfBatch } from "../analytics/recordBoxEvents";
import { saveBeingWritten, workTimeAfterSave, workTimeOfSave } from "../analytics/recordWorkTime";
import type { Database } from "../db/openDatabase";
import type { Cuboid } from "../../core/model/Cuboid";
import { findTrackClassClashes } from "./findTrackClassClashes";
import { inTurn } from "./inTurn";
import { must } from "../../core/model/must";
import { afterCommit, ridesWithNext } from "../db/createPostgresSession";

/**
 * Batches of one sequence from this process that hold a pooled connection at once: one writing,
 * one queued at the row lock so the lock passes on commit without a round trip's gap; the rest wait
 * in memory. Before, 200 annotators queued at the row lock each held one of the pool's 10
 * connections, and the pool's 5 s timeout failed 183 saves (HTTP 503) while frame reads starved.
 */
const TURNS_PER_SEQUENCE = 2;
import { readAnnotations } from "./readAnnotations";
import type { HistoryEntry } from "./readHistory";

/**
 * A rule a batch must pass, checked after the sequence's lock, so nothing that changes what it reads
 * (a task's workflow move locks the same row) can slip between the check and the write. `columns`:
 * what it reads, as select-list items named apart from applyBatch's own; they join the batch's own
 * reads, read after the lock (see applyLocked). `decide` gets the row holding them: non-null refuses
 * the batch.
 */
export interface BatchCheck {
  columns?: RawBuilder<unknown>;
  decide(row: Record<string, unknown>): { error: string; message: string } | null;
}

/** A batch that can never apply (bad reference, base revision from the future): HTTP 400. */
export class BatchRejectedError extends Error {
  override readonly name = "BatchRejectedError";
}

export type ApplyBatchResult =
  | {
      status: "accepted";
      revision: number;
      duplicate: boolean;
      /** The log entry as readHistory returns it; absent for a duplicate (it was announced before). */
      entry?: HistoryEntry;
    }
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
 * Ids as a text[] for `= any(...)`, passed as one JSON parameter (PGlite and node-postgres alike);
 * `any(array(...))` lets the planner look each id up by index even before a table's statistics exist
 * (a join against jsonb_array_elements scanned all 2,900 objects of the sample per save).
 */
const idArray = (ids: readonly string[]) =>
  sql`array(select jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb))`;

/** What the batch path reads with the lock, in the lock's statement (see applyLocked). */
interface LockedReads {
  done_revision: number | null;
  frame_count: number;
  /** Objects the batch touches that changed after its base revision. */
  changed: string[];
  /** Of the tracks the batch's boxes reference without putting them: those that exist. */
  live_tracks: string[];
  /** Live boxes of the tracks the batch's boxes use or it deletes: [id, trackId, frameIndex, className]. */
  track_boxes: Array<[string, string, number, string]>;
}

/**
 * Applies a batch as one transaction and one entry of the operation log.
 * - Resending a batchId already accepted returns its revision (the retry after a lost reply).
 * - If any object the batch touches changed after baseRevision: conflict, nothing written.
 * - Otherwise revision = head + 1; each touched object gets a version at that revision.
 * Batches on one sequence are serialised by a row lock on the sequence (FOR UPDATE). On PostgreSQL a
 * save is 2 round trips (createPostgresSession pipelines the statements of each): begin, the lock, and
 * the reads with the check's; then the writes with box events, the live NOTIFY, commit and, behind
 * it, the author's work time (were 7: begin, lock with reads, the check, writes, commit, work time,
 * NOTIFY; one more when a batch committed while it waited for the lock). Both hold the lock: its
 * hold, not the database's work, bounds one sequence's saves per second. On PGlite, 4 trips to the
 * worker (begin with the lock, reads and the check's in one statement, writes with box events and
 * work time, commit; were 6): one query runs at a time there, so each statement less is CPU every
 * other request waits for (10.0 ms of CPU a save instead of 11.6, in-process). Accepted batches are
 * announced on the store's live hub (inside the transaction on PostgreSQL, after it on PGlite).
 */
export async function applyBatch(
  store: Database,
  sequenceId: string,
  batch: AnnotationBatch,
  /** Who sends it (the signed-in user); batch.author is ignored. */
  author: string,
  /** A rule checked after the sequence's lock (see BatchCheck). */
  check?: BatchCheck,
  /** When it was accepted: now, except for tools that replay a recorded history (analytics seeds). */
  at: Date = new Date(),
): Promise<ApplyBatchResult> {
  const { workTime, ...result } = await inTurn(store, sequenceId, TURNS_PER_SEQUENCE, () =>
    applyLocked(store, sequenceId, batch, author, check, at),
  );
  // After the commit; a lost notice is caught up by the live streams' heartbeat reread.
  if (result.status === "accepted" && result.entry && !store.live.publishOnCommit)
    store.live
      .publish({ kind: "batch", sequenceId, revision: result.revision, entry: result.entry })
      .catch((e) => console.error(`live: batch ${result.revision} of ${sequenceId} not announced:`, e));
  if (workTime && result.status === "accepted")
    await workTime.catch((e) =>
      console.error(`analytics: work time of batch ${result.revision} of ${sequenceId} not recorded:`, e),
    );
  return result as ApplyBatchResult;
}

async function applyLocked(
  store: Database,
  sequenceId: string,
  batch: AnnotationBatch,
  author: string,
  check: BatchCheck | undefined,
  at: Date,
): Promise<ApplyBatchResult & { workTime?: Promise<void> }> {
  const nowIso = at.toISOString();
  const touched = new Map<string, { kind: "cuboid" | "track"; id: string }>();
  for (const op of batch.operations) {
    const k = keyOf(op);
    touched.set(`${k.kind}\u0000${k.id}`, k);
  }
  const puts = batch.operations.flatMap((op) => (op.op === "putCuboid" ? [op.cuboid] : []));
  const trackAlive = new Map<string, boolean>();
  const deletedTracks = new Set<string>();
  for (const op of batch.operations) {
    if (op.op === "putTrack") {
      trackAlive.set(op.track.trackId, true);
      deletedTracks.delete(op.track.trackId);
    }
    if (op.op === "deleteTrack") {
      trackAlive.set(op.trackId, false);
      deletedTracks.add(op.trackId);
    }
  }
  const unknownTracks = [...new Set(puts.map((c) => c.trackId))].filter((t) => !trackAlive.has(t));
  const boxTracks = [...new Set([...puts.map((c) => c.trackId), ...deletedTracks])];
  const touchedOf = (kind: "cuboid" | "track") =>
    [...touched.values()].filter((k) => k.kind === kind).map((k) => k.id);
  const readColumns = sql`
        (select revision from batches where sequence_id = ${sequenceId} and batch_id = ${batch.batchId}) as done_revision,
        (select count(*)::int from frames where sequence_id = ${sequenceId}) as frame_count,
        (select coalesce(jsonb_agg(o.object_id order by o.object_id), '[]'::jsonb) from objects o
          where o.sequence_id = ${sequenceId} and o.revision > ${batch.baseRevision}
            and ((o.kind = 'cuboid' and o.object_id = any(${idArray(touchedOf("cuboid"))}))
              or (o.kind = 'track' and o.object_id = any(${idArray(touchedOf("track"))})))) as changed,
        (select coalesce(jsonb_agg(o.object_id), '[]'::jsonb) from objects o
          where o.sequence_id = ${sequenceId} and o.kind = 'track' and o.data is not null
            and o.object_id = any(${idArray(unknownTracks)})) as live_tracks,
        (select coalesce(jsonb_agg(jsonb_build_array(o.object_id, o.data->>'trackId',
            (o.data->>'frameIndex')::int, o.data->>'className')), '[]'::jsonb)
          from unnest(${idArray(boxTracks)}) t(track_id) join lateral (select * from objects o
            where o.sequence_id = ${sequenceId} and o.kind = 'cuboid' and o.data is not null
              and o.data->>'trackId' = t.track_id) o on true) as track_boxes${
                check?.columns ? sql`, ${check.columns}` : sql``
              }`;
  return store.db.transaction().execute(async (tx) => {
    // The reads (and the check's) must see every batch and task move that committed before the lock
    // was granted. A statement reads the snapshot taken when it started: on PostgreSQL, before a wait
    // at the lock. So there the lock is a statement of its own, riding with the begin, and the reads
    // one after it: one round trip, and never a second read (it was, whenever a batch committed while
    // this one waited). On PGlite one transaction runs at a time, so the lock never waits: one statement.
    if (store.kind === "postgres")
      await ridesWithNext(sql`select 1 from sequences where id = ${sequenceId} for update`).execute(tx);
    const reads = (
      store.kind === "postgres"
        ? await sql<LockedReads & { head_revision: number | null }>`
            select (select head_revision from sequences where id = ${sequenceId}) as head_revision,
              ${readColumns}`.execute(tx)
        : await sql<LockedReads & { head_revision: number | null }>`
            with locked as (select head_revision from sequences where id = ${sequenceId} for update)
            select (select head_revision from locked) as head_revision, ${readColumns}`.execute(tx)
    ).rows[0];
    if (!reads || reads.head_revision === null) return { status: "not-found" } as const;
    const seq = { head_revision: reads.head_revision };
    if (reads.done_revision !== null)
      return { status: "accepted", revision: reads.done_revision, duplicate: true } as const;
    const refusal = check ? check.decide(reads as unknown as Record<string, unknown>) : null;
    if (refusal) return { status: "refused", ...refusal } as const;
    if (batch.baseRevision > seq.head_revision)
      throw new BatchRejectedError(
        `baseRevision ${batch.baseRevision} is after the newest revision ${seq.head_revision} of sequence ${sequenceId}`,
      );
    if (reads.changed.length > 0) {
      const current = must(await readAnnotations({ db: tx }, sequenceId), `annotations of ${sequenceId}`);
      return {
        status: "conflict",
        conflict: { error: "conflict", conflictingIds: reads.changed, current },
      } as const;
    }

    const stored = reads.track_boxes.map(([id, trackId, frameIndex, className]) => ({
      id,
      trackId,
      frameIndex,
      className,
    }));
    checkDeletedTracksAreEmpty(batch, deletedTracks, stored);
    for (const t of reads.live_tracks) trackAlive.set(t, true);
    for (const c of puts) {
      if (c.frameIndex >= reads.frame_count)
        throw new BatchRejectedError(
          `cuboid ${c.id}: frameIndex ${c.frameIndex} is past the last frame ${reads.frame_count - 1}`,
        );
      if (!trackAlive.get(c.trackId))
        throw new BatchRejectedError(
          `cuboid ${c.id}: track ${c.trackId} does not exist (put the track first)`,
        );
    }
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
    const clashes = findTrackClassClashes(finalPuts, finalDeletes, stored);
    if (clashes.length > 0) {
      const current = must(await readAnnotations({ db: tx }, sequenceId), `annotations of ${sequenceId}`);
      return {
        status: "conflict",
        conflict: { error: "conflict", conflictingIds: clashes, current },
      } as const;
    }
    const provenance = [
      ...new Set(operations.flatMap((op) => (op.op === "putCuboid" ? [op.cuboid.provenance] : []))),
    ]
      .sort()
      .join(",");
    const rows = [...finalState.values()].map((o) => ({ kind: o.kind, object_id: o.id, data: o.data }));
    // On PGlite the author's work time too (see applyBatch): as a statement of its own it cost
    // 1.1 ms of a save's 11.6 ms of CPU (its parse, plan and round trip to the worker thread).
    const workTime =
      store.kind === "pglite"
        ? sql`${workTimeOfSave(saveBeingWritten({ sequenceId, author, atIso: nowIso, batchId: batch.batchId }))},`
        : sql``;
    // The log entry, the versions, the current objects, the head and the box events (analytics) in
    // one statement: under the lock a save costs one round trip less (the events read the boxes'
    // versions before from `objects`, which this statement's snapshot shows as they were). Nothing
    // reads its answer: on PostgreSQL it rides with the NOTIFY and the commit.
    await ridesWithNext(sql`with logged as (
        insert into batches (sequence_id, revision, batch_id, author, created_at, provenance, operations)
        values (${sequenceId}, ${revision}, ${batch.batchId}, ${author}, ${nowIso}, ${provenance},
          ${JSON.stringify(operations)}::jsonb)
      ), r as (
        select * from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as r(kind text, object_id text, data jsonb)
      ), versions as (
        insert into object_versions (sequence_id, kind, object_id, revision, data)
        select ${sequenceId}, kind, object_id, ${revision}, data from r
      ), current as (
        insert into objects (sequence_id, kind, object_id, revision, data)
        select ${sequenceId}, kind, object_id, ${revision}, data from r
        on conflict (sequence_id, kind, object_id) do update set revision = excluded.revision, data = excluded.data
      ), head as (
        update sequences set head_revision = ${revision} where id = ${sequenceId}
      ), ${workTime} src as (
        select ${sequenceId}::text as sequence_id, ${revision}::int as revision, r.object_id as cuboid_id,
          ${author}::text as author, ${nowIso}::timestamptz as at, r.data, o.data as prev_data,
          ${batch.batchId}::text as batch_id
        from r left join objects o on o.sequence_id = ${sequenceId} and o.kind = 'cuboid' and o.object_id = r.object_id
        where r.kind = 'cuboid'
      ), ${boxEventsOfBatch(sql`src`)}`).execute(tx);
    const entry: HistoryEntry = {
      revision,
      batchId: batch.batchId,
      author,
      createdAt: nowIso,
      provenance,
      operations,
    };
    await store.live.publishOnCommit?.(tx, { kind: "batch", sequenceId, revision, entry });
    // On PostgreSQL after the commit, in a statement of its own: the work-time rollup is keyed by
    // (project, author), so inside the batch's transaction its row lock was held to the commit, and one
    // person's saves to ten sequences queued on it (228 ms a save under bench:server's 200 annotators,
    // one user). Alone it holds the row for the statement only. It is sent behind the commit (no round
    // trip of its own) and does nothing if the batch did not commit. A crash between the commit and
    // this statement loses one save's active time, never an edit. PGlite runs one transaction at a
    // time, so nothing queues there: it stays inside, in the writes' statement, sparing a second
    // commit (and WAL fsync) and a round trip per save.
    const afterSave =
      store.kind === "postgres" ? afterCommit(workTimeAfterSave(sequenceId, revision, batch.batchId)) : null;
    if (afterSave) await afterSave.statement.execute(tx);
    return { status: "accepted", revision, duplicate: false, entry, workTime: afterSave?.ran } as const;
  });
}

/** A track deleted by the batch must not keep cuboids that the batch neither deletes nor moves. */
function checkDeletedTracksAreEmpty(
  batch: AnnotationBatch,
  deleted: Set<string>,
  stored: ReadonlyArray<{ id: string; trackId: string }>,
): void {
  if (deleted.size === 0) return;
  const cuboidTrackAfter = new Map<string, string | null>();
  for (const op of batch.operations) {
    if (op.op === "putCuboid") cuboidTrackAfter.set(op.cuboid.id, op.cuboid.trackId);
    if (op.op === "deleteCuboid") cuboidTrackAfter.set(op.id, null);
  }
  for (const r of stored) {
    if (!deleted.has(r.trackId)) continue;
    const after = cuboidTrackAfter.has(r.id) ? cuboidTrackAfter.get(r.id) : r.trackId;
    if (after !== null && after !== undefined && deleted.has(after))
      throw new BatchRejectedError(
        `deleteTrack ${after}: cuboid ${r.id} still belongs to it (delete its cuboids in the same batch)`,
      );
  }
}
