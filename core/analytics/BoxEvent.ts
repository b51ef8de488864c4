import { isMachineProvenance, type Provenance } from "../model/Provenance";

/**
 * What one accepted batch did to one box (a cuboid: one object on one frame). Several operations
 * on the same box within a batch count once, as its state after the batch.
 */
export interface BoxEvent {
  sequenceId: string;
  revision: number;
  cuboidId: string;
  /** The batch's author (user name). */
  author: string;
  atMs: number;
  frameIndex: number;
  className: string;
  /** Provenance after the batch; null when the batch deleted the box. */
  provenance: Provenance | null;
  /** Provenance before the batch; null when the box did not exist (or was deleted) before. */
  prevProvenance: Provenance | null;
}

export interface BoxEventKind {
  created: boolean;
  edited: boolean;
  deleted: boolean;
  /** Made by the machine (auto-fit, propagation, interpolation, a model). */
  machineCreated: boolean;
  /** A machine box that a person changed: the machine's result was corrected. */
  machineCorrected: boolean;
}

/** The one definition of created / edited / machine-made / machine-corrected (the SQL in server/analytics follows it). */
export function classifyBoxEvent(e: Pick<BoxEvent, "provenance" | "prevProvenance">): BoxEventKind {
  const alive = e.provenance !== null;
  const existed = e.prevProvenance !== null;
  const machineNow = e.provenance !== null && isMachineProvenance(e.provenance);
  return {
    created: alive && !existed && !machineNow,
    edited: alive && existed && !machineNow,
    deleted: !alive && existed,
    machineCreated: machineNow && !existed,
    machineCorrected:
      alive && !machineNow && e.prevProvenance !== null && isMachineProvenance(e.prevProvenance),
  };
}
