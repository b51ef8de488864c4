import type { Cuboid, CuboidSize } from "../../../core/model/Cuboid";
import type { Vec3 } from "../../../core/geometry/vec3";
import { applyDiff, diffPut } from "../applyDiff";
import type { Editor } from "../createEditor";

/**
 * A new track id: the server hands them out when the app gave the editor a pool (two clients can
 * no longer both pick "max + 1"); with an empty pool (offline) a random id, still unique. Without a
 * pool (tests, tools) the next free number above every numeric id in use.
 */
export function nextTrackId(editor: Editor): string {
  if (editor.takeTrackId) {
    const inUse = editor.store.get().tracks;
    for (let id = editor.takeTrackId(); id !== undefined; id = editor.takeTrackId())
      if (!inUse.has(id)) return id;
    return editor.newId();
  }
  let max = 0;
  for (const id of editor.store.get().tracks.keys()) {
    const n = Number(id);
    if (Number.isInteger(n) && n > max) max = n;
  }
  for (const c of editor.store.get().cuboids.values()) {
    const n = Number(c.trackId);
    if (Number.isInteger(n) && n > max) max = n;
  }
  return String(max + 1);
}

export interface NewCuboid {
  centerM: Vec3;
  size: CuboidSize;
  yawRad: number;
  className?: string;
}

/** Creates a new track with one cuboid in the current frame and selects it. Returns the cuboid. */
export function createCuboid(editor: Editor, spec: NewCuboid): Cuboid {
  const s = editor.store.get();
  const className = spec.className ?? s.activeClassName;
  const trackId = nextTrackId(editor);
  const cuboid: Cuboid = {
    id: editor.newId(),
    trackId,
    frameIndex: s.frameIndex,
    centerM: spec.centerM,
    size: spec.size,
    yawRad: spec.yawRad,
    pitchRad: 0,
    rollRad: 0,
    className,
    attributes: {},
    provenance: "human",
    updatedBy: editor.author,
    updatedAt: editor.now(),
  };
  applyDiff(editor, diffPut(editor, [cuboid], [{ trackId, className, attributes: {} }]), "user");
  editor.store.update({ selectedTrackId: trackId });
  return cuboid;
}

/** The class's default size, or 1 m³ for an unknown class. */
export function defaultSizeOf(editor: Editor, className: string): CuboidSize {
  return (
    editor.classes.find((c) => c.name === className)?.defaultSize ?? { lengthM: 1, widthM: 1, heightM: 1 }
  );
}
