import { type Kysely, sql } from "kysely";

/**
 * Derives box events (core/analytics/BoxEvent) from the cuboid versions a batch wrote, with the
 * author and time of the batch and the provenance of the version before: one statement, used by
 * applyBatch for its revision and by migration 0007 for the whole existing log. Versions an import
 * wrote (batch id `import:…`) are not anyone's work and get no event.
 */
export async function recordBoxEvents(
  db: Kysely<unknown>,
  only?: { sequenceId: string; revision: number },
): Promise<void> {
  await sql`insert into box_events
      (sequence_id, revision, cuboid_id, author, at, frame_index, class_name, provenance, prev_provenance)
    select ov.sequence_id, ov.revision, ov.object_id, b.author, b.created_at,
      coalesce((ov.data->>'frameIndex')::int, (prev.data->>'frameIndex')::int, -1),
      coalesce(ov.data->>'className', prev.data->>'className', ''),
      ov.data->>'provenance', prev.data->>'provenance'
    from object_versions ov
    join batches b on b.sequence_id = ov.sequence_id and b.revision = ov.revision
    left join lateral (
      select p.data from object_versions p
      where p.sequence_id = ov.sequence_id and p.kind = 'cuboid' and p.object_id = ov.object_id
        and p.revision < ov.revision
      order by p.revision desc limit 1
    ) prev on true
    where ov.kind = 'cuboid' and b.batch_id not like 'import:%' and not (ov.data is null and prev.data is null)
      ${only ? sql`and ov.sequence_id = ${only.sequenceId} and ov.revision = ${only.revision}` : sql``}`.execute(
    db,
  );
}
