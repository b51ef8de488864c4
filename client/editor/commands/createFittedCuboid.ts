import type { Cuboid, CuboidSize } from "../../../core/model/Cuboid";
import type { Editor } from "../createEditor";
import { t } from "../../i18n/i18n";
import { boxFromGround } from "../tools/boxFromGround";
import { createCuboid } from "./createCuboid";
import { queueFitStep } from "./queueFitStep";

/** The class's default box centred at (xM, yM), standing on the points' ground when known. */
export function defaultBoxAt(editor: Editor, xM: number, yM: number, size: CuboidSize) {
  const box = boxFromGround(
    xM - size.lengthM / 2,
    yM - size.widthM / 2,
    xM + size.lengthM / 2,
    yM + size.widthM / 2,
    size,
    editor.pointStats,
  );
  return { ...box, size: { ...size, heightM: box.size.heightM } };
}

/**
 * One click of the create tool with the fit service present: the object under the click becomes
 * a fitted box (the fit service's autoFit: heading from its points, size from the class's size
 * where it is partly seen), a new track, selected. Nothing there (or the fit failed): the class's
 * default box at the click, as without the service. The person made it, so its provenance is
 * "human" and it is a keyframe for interpolation. Resolves to the new cuboid, or null when the
 * frame changed while the fit ran (the box would land in the wrong frame).
 */
export function createFittedCuboid(
  editor: Editor,
  xM: number,
  yM: number,
  className: string,
  size: CuboidSize,
): Promise<Cuboid | null> {
  const frameIndex = editor.store.get().frameIndex;
  return queueFitStep(editor, async () => {
    let fitted: { centerM: Cuboid["centerM"]; size: CuboidSize; yawRad: number } | null = null;
    try {
      // Without the service (or its autoFit) the class's default box is placed, as documented above.
      const r = await editor.fit?.autoFit?.({ x: xM, y: yM, z: 0 }, className, size);
      if (r && r.pointCount > 0) fitted = r.box;
    } catch (e) {
      editor.store.update({ notice: t("notices.autoFitFailed", { detail: (e as Error).message }) });
    }
    if (editor.store.get().frameIndex !== frameIndex) return null;
    return createCuboid(editor, { ...(fitted ?? defaultBoxAt(editor, xM, yM, size)), className });
  });
}
