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
    with accepted as (
      select o.sequence_id, o.object_id, o.data->>'className' as class_name, o.data->>'provenance' as provenance,
        ru.username as reviewer
      from tasks t
      join objects o on o.sequence_id = t.sequence_id and o.kind = 'cuboid' and o.data is not null
        and (t.frame_start is null or (o.data->>'frameIndex')::int between t.frame_start and t.frame_end)
      left join users ru on ru.id = t.reviewer_id
      where t.project_id = ${projectId} and t.state in (${inStates(ACCEPTED_STATES)})
    )
    select w.person, a.class_name,
      count(*) filter (where a.provenance not in (${machine}))::int as boxes,
      count(*) filter (where a.provenance in (${machine}))::int as machine_unchanged
    from accepted a cross join lateral (
      select e.author as person from box_events e
      where e.sequence_id = a.sequence_id and e.cuboid_id = a.object_id and e.provenance is not null
      order by coalesce(e.author = a.reviewer, false), e.revision desc limit 1
    ) w
    where true${person ? sql` and w.person = ${person}` : sql``}
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
