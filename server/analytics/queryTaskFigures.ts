import { sql } from "kysely";
import { MACHINE_PROVENANCES } from "../../core/analytics/machineProvenances";
import type { Database } from "../db/openDatabase";

const machine = sql.join(MACHINE_PROVENANCES.map((p) => sql.lit(p)));

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

/** Per task of the project (only the tasks `person` labels or reviews, when given): box work in its frames. */
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
      (select count(*)::int from box_events n where n.latest and n.provenance is not null
        and n.sequence_id = t.sequence_id and n.frame_index between t.fs and t.fe) as boxes,
      w.created, w.edited, w.machine_created, w.machine_corrected
    from t cross join lateral (
      select
        count(*) filter (where e.provenance not in (${machine}) and e.prev_provenance is null)::int as created,
        count(*) filter (where e.provenance not in (${machine}) and e.prev_provenance is not null)::int as edited,
        count(*) filter (where e.provenance in (${machine}) and e.prev_provenance is null)::int as machine_created,
        count(*) filter (where e.provenance not in (${machine}) and e.prev_provenance in (${machine}))::int as machine_corrected
      from box_events e where e.work and e.sequence_id = t.sequence_id and e.frame_index between t.fs and t.fe
    ) w
    where true${person ? sql` and (t.labeler = ${person} or t.reviewer = ${person})` : sql``}
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
