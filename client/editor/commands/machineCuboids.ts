import type { Cuboid, FitResidual } from "../../../core/model/Cuboid";
import { isMachineProvenance, type Provenance } from "../../../core/model/Provenance";
import type { Editor, FitBox } from "../createEditor";
import { cuboidOfTrack } from "../selectors";
import { wrapAngleRad } from "./editCuboids";

/**
 * The cuboids a machine step writes for `template`'s track: one per box, reusing the id of the
 * track's cuboid already in that frame (so the step replaces it) and copying class and attributes
 * from the template. Boxes are taken in order and the walk stops at the first frame where the track
 * has a box a person made or imported: machine output never overwrites human work. A box's
 * `needsReview` (the machine's reason for doubt) is kept on the cuboid itself.
 */
export function machineCuboids(
  editor: Editor,
  template: Cuboid,
  boxes: ReadonlyArray<{ frameIndex: number; box: FitBox; needsReview?: string; fitResidual?: FitResidual }>,
  provenance: Provenance,
): Cuboid[] {
  const s = editor.store.get();
  const out: Cuboid[] = [];
  // The template's own machine flag and fit residual describe its box, not the new ones.
  const { needsReview: _flag, fitResidual: _fit, ...base } = template;
  for (const { frameIndex, box, needsReview, fitResidual } of boxes) {
    const existing = cuboidOfTrack(s, template.trackId, frameIndex);
    if (existing && !isMachineProvenance(existing.provenance)) break;
    out.push({
      ...base,
      // Stored with the box (and saved), so review can sort by it in any browser.
      ...(needsReview ? { needsReview } : {}),
      ...(fitResidual ? { fitResidual } : {}),
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
