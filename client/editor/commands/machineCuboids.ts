import type { Cuboid } from "../../../core/model/Cuboid";
import { isMachineProvenance, type Provenance } from "../../../core/model/Provenance";
import type { Editor, FitBox } from "../createEditor";
import { cuboidOfTrack } from "../selectors";
import { wrapAngleRad } from "./editCuboids";

/**
 * The cuboids a machine step writes for `template`'s track: one per box, reusing the id of the
 * track's cuboid already in that frame (so the step replaces it) and copying class and attributes
 * from the template. Boxes are taken in order and the walk stops at the first frame where the track
 * has a box a person made or imported: machine output never overwrites human work.
 */
export function machineCuboids(
  editor: Editor,
  template: Cuboid,
  boxes: ReadonlyArray<{ frameIndex: number; box: FitBox }>,
  provenance: Provenance,
): Cuboid[] {
  const s = editor.store.get();
  const out: Cuboid[] = [];
  for (const { frameIndex, box } of boxes) {
    const existing = cuboidOfTrack(s, template.trackId, frameIndex);
    if (existing && !isMachineProvenance(existing.provenance)) break;
    out.push({
      ...template,
      id: existing?.id ?? editor.newId(),
      frameIndex,
      centerM: { ...box.centerM },
      size: { ...box.size },
      yawRad: wrapAngleRad(box.yawRad),
      provenance,
      updatedBy: editor.author,
      updatedAt: editor.now(),
    });
  }
  return out;
}
