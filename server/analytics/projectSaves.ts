import { type RawBuilder, sql } from "kysely";
import type { AnalyticsScope } from "./AnalyticsScope";

/**
 * Each save (accepted batch, not an import) of the project's people with the gap since the same
 * person's previous save in the project: `author, created_at, gap`. Reads the index
 * batches_by_author_time alone.
 */
export const projectSaves = (scope: AnalyticsScope): RawBuilder<unknown> => sql`
  select b.author, b.created_at,
    b.created_at - lag(b.created_at) over (partition by b.author order by b.created_at) as gap
  from batches b
  where b.sequence_id in (select id from sequences where project_id = ${scope.projectId})
    and b.batch_id not like 'import:%'${scope.person ? sql` and b.author = ${scope.person}` : sql``}`;
