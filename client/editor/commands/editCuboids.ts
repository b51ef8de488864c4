import type { Cuboid } from "../../../core/model/Cuboid";
import type { Provenance } from "../../../core/model/Provenance";
import { applyDiff, diffDelete, diffPut } from "../applyDiff";
import type { Editor } from "../createEditor";
import { t } from "../../i18n/i18n";
import { classNameForDisplay } from "../../i18n/classDisplayName";
import { selectedCuboid } from "../selectors";

/** Fields an edit may change; identity (id, trackId, frameIndex) never changes. */
export type CuboidPatch = Partial<
  Pick<Cuboid, "centerM" | "size" | "yawRad" | "pitchRad" | "rollRad" | "className" | "attributes">
>;

/** Wraps yaw into (-π, π]. */
export function wrapAngleRad(a: number): number {
  const t = Math.atan2(Math.sin(a), Math.cos(a));
  return t === -Math.PI ? Math.PI : t;
}

/** An edit of one cuboid: stamps author, time and provenance ("human" unless a tool says otherwise). */
export function updateCuboid(
  editor: Editor,
  id: string,
  patch: CuboidPatch,
  provenance: Provenance = "human",
): void {
  const before = editor.store.get().cuboids.get(id);
  if (!before) return;
  // A person's edit answers the machine's doubt: the stored flag goes with it.
  const { needsReview: _flag, ...kept } = before;
  const after: Cuboid = {
    ...(provenance === "human" ? kept : before),
    ...patch,
    yawRad: wrapAngleRad(patch.yawRad ?? before.yawRad),
    provenance,
    updatedBy: editor.author,
    updatedAt: editor.now(),
  };
  applyDiff(editor, diffPut(editor, [after]), "user");
  // A person has now looked at this box: it no longer waits for review.
  if (provenance === "human" && editor.store.get().needsReview.has(id))
    editor.store.update((s) => {
      const needsReview = new Map(s.needsReview);
      needsReview.delete(id);
      return { needsReview };
    });
}

export interface Nudge {
  /** Along the box heading (+x of the box). */
  forwardM?: number;
  /** Along the box's +y. */
  leftM?: number;
  upM?: number;
  yawRad?: number;
}

/** Moves/rotates the selected cuboid in its own frame (W/A/S/D/R/F/Q/E). */
export function nudgeSelected(editor: Editor, n: Nudge): void {
  const c = selectedCuboid(editor.store.get());
  if (!c) return;
  const f = n.forwardM ?? 0;
  const l = n.leftM ?? 0;
  const cos = Math.cos(c.yawRad);
  const sin = Math.sin(c.yawRad);
  updateCuboid(editor, c.id, {
    centerM: {
      x: c.centerM.x + f * cos - l * sin,
      y: c.centerM.y + f * sin + l * cos,
      z: c.centerM.z + (n.upM ?? 0),
    },
    yawRad: c.yawRad + (n.yawRad ?? 0),
  });
}

/** Deletes the selected cuboid in the current frame; the track goes too when it has no cuboid left. */
export function deleteSelected(editor: Editor): void {
  const s = editor.store.get();
  const c = selectedCuboid(s);
  if (!c) return;
  const others = [...s.cuboids.values()].some((o) => o.trackId === c.trackId && o.id !== c.id);
  applyDiff(editor, diffDelete(editor, [c.id], others ? [] : [c.trackId]), "user");
  editor.store.update({ selectedTrackId: null });
}

/** Sets the class of the selected object: its track and every cuboid of the track, as one undo step. */
export function setClassOfSelected(editor: Editor, className: string): void {
  const s = editor.store.get();
  editor.store.update({ activeClassName: className });
  const trackId = s.selectedTrackId;
  if (!trackId) return;
  const track = s.tracks.get(trackId);
  const cuboids = [...s.cuboids.values()]
    .filter((c) => c.trackId === trackId && c.className !== className)
    .map((c) => ({ ...c, className, updatedBy: editor.author, updatedAt: editor.now() }));
  const tracks = track && track.className !== className ? [{ ...track, className }] : [];
  if (cuboids.length === 0 && tracks.length === 0) return;
  applyDiff(editor, diffPut(editor, cuboids, tracks), "user");
  editor.store.update({
    notice: t("notices.trackClass", {
      track: trackId,
      className: classNameForDisplay(editor.classes, className),
    }),
  });
}

/** Sets one attribute on the selected cuboid. */
export function setAttributeOfSelected(editor: Editor, name: string, value: string | boolean): void {
  const c = selectedCuboid(editor.store.get());
  if (!c) return;
  updateCuboid(editor, c.id, { attributes: { ...c.attributes, [name]: value } });
}
