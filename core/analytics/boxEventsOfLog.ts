import type { AnnotationOperation } from "../api/annotationBatch";
import type { Provenance } from "../model/Provenance";
import type { BoxEvent } from "./BoxEvent";

/** One entry of the operation log, as the server stores it (batches table). */
export interface OpLogRow {
  sequenceId: string;
  revision: number;
  author: string;
  /** ISO 8601. */
  createdAt: string;
  operations: readonly AnnotationOperation[];
}

/**
 * Replays the operation log (any order; sorted here by sequence and revision) into box events.
 * Boxes that existed before the log starts (imports) are unknown: a put on one counts as created.
 * The rows are people's batches: the server keeps imports and pre-label runs out of people's figures
 * (server/analytics/isPeopleWork).
 */
export function boxEventsOfLog(rows: readonly OpLogRow[]): BoxEvent[] {
  const sorted = [...rows].sort((a, b) =>
    a.sequenceId === b.sequenceId ? a.revision - b.revision : a.sequenceId < b.sequenceId ? -1 : 1,
  );
  const current = new Map<string, { provenance: Provenance; frameIndex: number; className: string }>();
  const events: BoxEvent[] = [];
  for (const row of sorted) {
    const after = new Map<string, { provenance: Provenance; frameIndex: number; className: string } | null>();
    for (const op of row.operations) {
      if (op.op === "putCuboid")
        after.set(op.cuboid.id, {
          provenance: op.cuboid.provenance,
          frameIndex: op.cuboid.frameIndex,
          className: op.cuboid.className,
        });
      else if (op.op === "deleteCuboid") after.set(op.id, null);
    }
    for (const [cuboidId, state] of after) {
      const key = `${row.sequenceId}\u0000${cuboidId}`;
      const before = current.get(key) ?? null;
      const shown = state ?? before;
      events.push({
        sequenceId: row.sequenceId,
        revision: row.revision,
        cuboidId,
        author: row.author,
        atMs: Date.parse(row.createdAt),
        frameIndex: shown?.frameIndex ?? -1,
        className: shown?.className ?? "",
        provenance: state?.provenance ?? null,
        prevProvenance: before?.provenance ?? null,
      });
      if (state) current.set(key, state);
      else current.delete(key);
    }
  }
  return events;
}
