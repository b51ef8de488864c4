import { type RawBuilder, sql } from "kysely";
import type { AnnotationBatch } from "../../core/api/annotationBatch";
import type { TaskState } from "../../core/review/TaskState";
import type { Database } from "../db/openDatabase";

/** A task on the sequence, as the task-scope and edit-lock rules read it. */
export interface ScopeTask {
  name: string;
  state: TaskState;
  frameStart: number | null;
  frameEnd: number | null;
  labelerId: string | null;
  reviewerId: string | null;
}

/** A live box the batch reaches: one it puts or deletes by id, or one of a track it changes. */
export interface ScopeBox {
  id: string;
  trackId: string;
  frameIndex: number;
}

/** What the rules on who may save a batch read: every task of the sequence and the boxes it reaches. */
export interface EditScope {
  tasks: ScopeTask[];
  /** Live boxes whose id a putCuboid or deleteCuboid names. */
  boxesById: ScopeBox[];
  /** Live boxes of the tracks a putTrack or deleteTrack names. */
  boxesOfTracks: ScopeBox[];
}

/** The ids a batch names: cuboids it puts or deletes, tracks it puts or deletes. */
export function idsOfBatch(batch: AnnotationBatch): { cuboids: string[]; tracks: string[] } {
  const cuboids = new Set<string>();
  const tracks = new Set<string>();
  for (const op of batch.operations) {
    if (op.op === "putCuboid") cuboids.add(op.cuboid.id);
    else if (op.op === "deleteCuboid") cuboids.add(op.id);
    else tracks.add(op.op === "putTrack" ? op.track.trackId : op.trackId);
  }
  return { cuboids: [...cuboids], tracks: [...tracks] };
}

/** Ids as a text[] for `= any(...)`, one JSON parameter (see applyBatch's idArray). */
const idArray = (ids: readonly string[]) =>
  sql`array(select jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb))`;

/** The row editScopeColumns reads: tasks, boxes by id, boxes of the named tracks. */
export interface EditScopeRow {
  scope_tasks: Array<[string, TaskState, number | null, number | null, string | null, string | null]>;
  scope_by_id: Array<[string, string, string]>;
  scope_of_tracks: Array<[string, string, string]>;
}

/**
 * The edit scope's reads as select-list items (scope_tasks, scope_by_id, scope_of_tracks), so a
 * statement that reads other things may carry them: applyBatch reads them with its lock on PGlite.
 */
export function editScopeColumns(sequenceId: string, batch: AnnotationBatch): RawBuilder<unknown> {
  const { cuboids, tracks } = idsOfBatch(batch);
  const boxJson = sql`jsonb_build_array(o.object_id, o.data->>'trackId', o.data->>'frameIndex')`;
  return sql`(select coalesce(jsonb_agg(jsonb_build_array(t.name, t.state, t.frame_start, t.frame_end,
          t.labeler_id, t.reviewer_id) order by t.id), '[]'::jsonb)
        from tasks t where t.sequence_id = ${sequenceId}) as scope_tasks,
      (select coalesce(jsonb_agg(${boxJson} order by o.object_id), '[]'::jsonb) from objects o
        where o.sequence_id = ${sequenceId} and o.kind = 'cuboid' and o.data is not null
          and o.object_id = any(${idArray(cuboids)})) as scope_by_id,
      (select coalesce(jsonb_agg(${boxJson} order by o.object_id), '[]'::jsonb)
        from unnest(${idArray(tracks)}) k(track_id) join lateral (select * from objects o
          where o.sequence_id = ${sequenceId} and o.kind = 'cuboid' and o.data is not null
            and o.data->>'trackId' = k.track_id) o on true) as scope_of_tracks`;
}

/** The EditScope of a row that holds editScopeColumns. */
export function editScopeOfRow(row: EditScopeRow): EditScope {
  const box = ([id, trackId, frame]: [string, string, string]): ScopeBox => ({
    id,
    trackId,
    frameIndex: Number(frame),
  });
  return {
    tasks: row.scope_tasks.map(([name, state, frameStart, frameEnd, labelerId, reviewerId]) => ({
      name,
      state,
      frameStart,
      frameEnd,
      labelerId,
      reviewerId,
    })),
    boxesById: row.scope_by_id.map(box),
    boxesOfTracks: row.scope_of_tracks.map(box),
  };
}

/**
 * Reads, in one statement (one round trip), the tasks of the sequence and the live boxes the batch
 * reaches. Before, the task-scope check and the edit-lock check each read the tasks and the boxes:
 * four statements per annotator save.
 */
export async function readEditScope(
  db: Database["db"],
  sequenceId: string,
  batch: AnnotationBatch,
): Promise<EditScope> {
  const row = (await sql<EditScopeRow>`select ${editScopeColumns(sequenceId, batch)}`.execute(db)).rows[0];
  if (!row) throw new Error(`the edit scope of sequence ${sequenceId} returned no row`);
  return editScopeOfRow(row);
}
