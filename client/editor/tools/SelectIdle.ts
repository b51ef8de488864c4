import type { Editor } from "../createEditor";
import { cuboidsInFrame } from "../selectors";
import { cuboidAtPoint } from "./cuboidAtPoint";
import type { BoxViewPress, ToolState } from "./ToolEvent";
import type { TranslateSession } from "./Translating";

/** Select tool at rest: a press on a cuboid selects it and starts moving it; on empty ground it deselects. */
export function selectIdle(
  editor: Editor,
  session: TranslateSession,
  onBoxViewDown?: (e: BoxViewPress) => string | undefined,
): ToolState {
  return {
    name: "select.idle",
    ...(onBoxViewDown ? { onBoxViewDown } : {}),
    onPointerDown(e) {
      if (e.button !== 0) return undefined;
      const hit = cuboidAtPoint(cuboidsInFrame(editor.store.get()), e.xM, e.yM);
      if (!hit) {
        editor.store.update({ selectedTrackId: null });
        return undefined;
      }
      editor.store.update({ selectedTrackId: hit.trackId });
      session.start = { xM: e.xM, yM: e.yM, cuboid: hit };
      return "select.translating";
    },
  };
}
