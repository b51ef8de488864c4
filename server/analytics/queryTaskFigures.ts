import { sql } from "kysely";
import type { Database } from "../db/openDatabase";

export interface TaskFigures {
  taskId: string;
  name: string;
  state: string;
  labeler: string | null;
  reviewer: string | null;
  frames: number;
  /** Boxes that exist now in the task's frames. */
  boxes: number;
  boxesCreated: number;
  boxesEdited: number;
  machineBoxesCreated: number;
  machineBoxesCorrected: number;
}

/** Per task of the project (only the tasks `person` labels or reviews, when given): box work in its frames, from frame_counts. */
export async function queryTaskFigures(
  store: Pick<Database, "db">,
  projectId: string,
  person?: string,
): Promise<TaskFigures[]> {
  const result = await sql<{
    id: string;
    name: string;
    state: string;
    labeler: string | null;
    reviewer: string | null;
    frames: number;
    boxes: number;
    created: number;
    edited: number;
    machine_created: number;
    machine_corrected: number;
  }>`
    with t as (
      select t.id, t.name, t.state, t.sequence_id, lu.username as labeler, ru.username as reviewer,
        coalesce(t.frame_start, 0) as fs,
        coalesce(t.frame_end, (select count(*) - 1 from frames f where f.sequence_id = t.sequence_id)) as fe
      from tasks t left join users lu on lu.id = t.labeler_id left join users ru on ru.id = t.reviewer_id
      where t.project_id = ${projectId}
    )
    select t.id, t.name, t.state, t.labeler, t.reviewer, (t.fe - t.fs + 1)::int as frames,
      coalesce(sum(f.boxes_now), 0)::int as boxes, coalesce(sum(f.created), 0)::int as created,
      coalesce(sum(f.edited), 0)::int as edited, coalesce(sum(f.machine_created), 0)::int as machine_created,
      coalesce(sum(f.machine_corrected), 0)::int as machine_corrected
    from t left join frame_counts f on f.sequence_id = t.sequence_id and f.frame_index between t.fs and t.fe
    where true${person ? sql` and (t.labeler = ${person} or t.reviewer = ${person})` : sql``}
    group by t.id, t.name, t.state, t.labeler, t.reviewer, t.fs, t.fe
    order by t.name, t.id`.execute(store.db);
  return result.rows.map((r) => ({
    taskId: r.id,
    name: r.name,
    state: r.state,
    labeler: r.labeler,
    reviewer: r.reviewer,
    frames: r.frames,
    boxes: r.boxes,
    boxesCreated: r.created,
    boxesEdited: r.edited,
    machineBoxesCreated: r.machine_created,
    machineBoxesCorrected: r.machine_corrected,
  }));
}
