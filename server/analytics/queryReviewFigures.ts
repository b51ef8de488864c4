import { sql } from "kysely";
import type { Cuboid } from "../../core/model/Cuboid";
import { boxDifference } from "../../core/review/boxDifference";
import type { Database } from "../db/openDatabase";
import { projectErrorTypes } from "../review/projectErrorTypes";

export interface ReviewFigures {
  /**
   * Boxes and tracks rejected, by error-type code (core/review/ErrorType), most first, with the
   * project's name for it as its lead set it (the code itself for a code the project no longer
   * has, and for "unspecified": rejected without a reason).
   */
  reasons: Array<{ reason: string; label: string; count: number }>;
  /** Per labeler: rejected verdicts on their tasks and rework rounds (reject moves of their tasks). */
  labelers: Array<{ person: string; rejections: number; reworkRounds: number }>;
  /**
   * Per reviewer and the person whose box they changed: how much (core/review/boxDifference),
   * means over the boxes. Only edits of an existing box by the task's reviewer count.
   */
  corrections: Array<{
    reviewer: string;
    person: string;
    boxes: number;
    meanBevIou: number;
    meanCenterDistanceM: number;
    meanHeadingDiffDeg: number;
    meanSizeDiffM: number;
  }>;
}

/** Rejections by reason, rework rounds and reviewer corrections of a project's tasks (review workflow, issue #12). */
export async function queryReviewFigures(
  store: Pick<Database, "db">,
  projectId: string,
  person?: string,
): Promise<ReviewFigures> {
  const reasons = await sql<{ reason: string; count: number }>`
    select coalesce(v.reason_code, 'unspecified') as reason, count(*)::int as count
    from box_verdicts v join tasks t on t.id = v.task_id left join users lu on lu.id = t.labeler_id
    where t.project_id = ${projectId} and v.verdict = 'rejected'${person ? sql` and lu.username = ${person}` : sql``}
    group by 1 order by 2 desc, 1`.execute(store.db);
  const labelers = await sql<{ person: string; rejections: number; rework_rounds: number }>`
    select lu.username as person,
      (select count(*)::int from box_verdicts v join tasks t2 on t2.id = v.task_id
        where t2.project_id = ${projectId} and t2.labeler_id = lu.id and v.verdict = 'rejected') as rejections,
      (select count(*)::int from task_transitions tr join tasks t2 on t2.id = tr.task_id
        where t2.project_id = ${projectId} and t2.labeler_id = lu.id and tr.action = 'reject') as rework_rounds
    from users lu where lu.id in (select labeler_id from tasks where project_id = ${projectId})
      ${person ? sql`and lu.username = ${person}` : sql``}
    order by 1`.execute(store.db);
  // The reviewer's edits of boxes that existed, with the version before and after.
  const edits = await sql<{ reviewer: string; before: unknown; after: unknown }>`
    select e.author as reviewer, p.data as before, a.data as after
    from tasks t
    join users ru on ru.id = t.reviewer_id
    join box_events e on e.sequence_id = t.sequence_id and e.author = ru.username and e.work
      and e.provenance is not null and e.prev_provenance is not null
      and e.frame_index between coalesce(t.frame_start, 0) and coalesce(t.frame_end, 2147483647)
    join object_versions a on a.sequence_id = e.sequence_id and a.kind = 'cuboid' and a.object_id = e.cuboid_id
      and a.revision = e.revision
    cross join lateral (
      select v.data from object_versions v where v.sequence_id = e.sequence_id and v.kind = 'cuboid'
        and v.object_id = e.cuboid_id and v.revision < e.revision order by v.revision desc limit 1
    ) p
    where t.project_id = ${projectId}`.execute(store.db);
  const groups = new Map<string, ReviewFigures["corrections"][number]>();
  for (const edit of edits.rows) {
    const before = edit.before as Cuboid;
    const after = edit.after as Cuboid;
    if (before.updatedBy === edit.reviewer) continue;
    if (person && person !== edit.reviewer && person !== before.updatedBy) continue;
    const d = boxDifference(before, after);
    const key = `${edit.reviewer}\u0000${before.updatedBy}`;
    const g = groups.get(key) ?? {
      reviewer: edit.reviewer,
      person: before.updatedBy,
      boxes: 0,
      meanBevIou: 0,
      meanCenterDistanceM: 0,
      meanHeadingDiffDeg: 0,
      meanSizeDiffM: 0,
    };
    // Running means: exact for one box, and no sums kept apart.
    g.boxes++;
    g.meanBevIou += (d.bevIou - g.meanBevIou) / g.boxes;
    g.meanCenterDistanceM += (d.centerDistanceM - g.meanCenterDistanceM) / g.boxes;
    g.meanHeadingDiffDeg += (d.headingDiffDeg - g.meanHeadingDiffDeg) / g.boxes;
    g.meanSizeDiffM += (d.sizeDiffM - g.meanSizeDiffM) / g.boxes;
    groups.set(key, g);
  }
  const names = new Map((await projectErrorTypes(store.db, projectId)).map((e) => [e.code, e.label]));
  return {
    reasons: reasons.rows.map((r) => ({
      reason: r.reason,
      label: names.get(r.reason) ?? r.reason,
      count: r.count,
    })),
    labelers: labelers.rows.map((r) => ({
      person: r.person,
      rejections: r.rejections,
      reworkRounds: r.rework_rounds,
    })),
    corrections: [...groups.values()].sort((a, b) =>
      a.reviewer === b.reviewer ? (a.person < b.person ? -1 : 1) : a.reviewer < b.reviewer ? -1 : 1,
    ),
  };
}
