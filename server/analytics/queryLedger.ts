import { sql } from "kysely";
import type { AnalyticsSettings } from "../../core/analytics/AnalyticsSettings";
import { MACHINE_PROVENANCES } from "../../core/analytics/machineProvenances";
import { type LedgerLine, payLedger } from "../../core/analytics/payLedger";
import type { Database } from "../db/openDatabase";
import { ACCEPTED_STATES, inStates } from "./taskStateGroups";

const machine = sql.join(MACHINE_PROVENANCES.map((p) => sql.lit(p)));

/**
 * The pay ledger: every box that exists now in a frame of an accepted task, credited to the last
 * person other than the task's reviewer who put it (the reviewer only for boxes they alone made),
 * grouped by person and class and priced by core/analytics/payLedger. Boxes the machine made that
 * nobody changed are counted apart; imported boxes nobody touched are nobody's work.
 */
export async function queryLedger(
  store: Pick<Database, "db">,
  projectId: string,
  settings: AnalyticsSettings,
  person?: string,
): Promise<LedgerLine[]> {
  const result = await sql<{ person: string; class_name: string; boxes: number; machine_unchanged: number }>`
    with accepted_tasks as (
      select t.sequence_id, coalesce(t.frame_start, 0) as fs, coalesce(t.frame_end, 2147483647) as fe,
        ru.username as reviewer
      from tasks t left join users ru on ru.id = t.reviewer_id
      where t.project_id = ${projectId} and t.state in (${inStates(ACCEPTED_STATES)})
    ), credited as (
      select n.class_name, n.provenance,
        case when n.author is distinct from t.reviewer then n.author
        else coalesce((select e.author from box_events e
          where e.sequence_id = n.sequence_id and e.cuboid_id = n.cuboid_id and e.work
            and e.provenance is not null and e.author <> t.reviewer
          order by e.revision desc limit 1), n.author) end as person
      from accepted_tasks t
      join box_events n on n.latest and n.work and n.provenance is not null
        and n.sequence_id = t.sequence_id and n.frame_index between t.fs and t.fe
    )
    select person, class_name,
      count(*) filter (where provenance not in (${machine}))::int as boxes,
      count(*) filter (where provenance in (${machine}))::int as machine_unchanged
    from credited
    where true${person ? sql` and person = ${person}` : sql``}
    group by 1, 2`.execute(store.db);
  return payLedger(
    result.rows.map((r) => ({
      person: r.person,
      className: r.class_name,
      boxes: r.boxes,
      machineUnchanged: r.machine_unchanged,
    })),
    settings,
  );
}
