import type { LoadedPoints } from "../app/frameLoader";
import { useEditorState } from "../app/useEditorState";
import type { BoxViewName } from "../editor/boxViews/boxViewAxes";
import type { Editor } from "../editor/createEditor";
import { selectedCuboid } from "../editor/selectors";
import type { ToolMachine } from "../editor/tools/createToolMachine";
import { useState, useSyncExternalStore } from "react";
import { useTranslation } from "react-i18next";
import { BOX_VIEW_PX, BoxView } from "./BoxView";

const VIEWS: readonly BoxViewName[] = ["top", "side", "front"];

/** Top, side and front views of the selected cuboid, or a hint when nothing is selected here. */
export function BoxViews({
  editor,
  tool,
  points,
}: {
  editor: Editor;
  tool: ToolMachine;
  points: LoadedPoints | null;
}) {
  const { t } = useTranslation();
  const cuboid = useEditorState(editor, selectedCuboid);
  const [large, setLarge] = useState(false);
  const trackId = useEditorState(editor, (s) => s.selectedTrackId);
  const dragStart = useSyncExternalStore(tool.subscribe, () => tool.boxViewDragStart);
  if (!cuboid)
    return (
      <div className="box-views empty" data-testid="box-views">
        {trackId ? t("boxViews.noBoxInFrame", { track: trackId }) : t("boxViews.selectHint")}
      </div>
    );
  const color = editor.classes.find((c) => c.name === cuboid.className)?.color ?? "#cccccc";
  const size = large ? BOX_VIEW_PX.large : BOX_VIEW_PX.normal;
  return (
    <div className={large ? "box-views large" : "box-views"} data-testid="box-views">
      <button
        type="button"
        className="box-views-enlarge"
        data-testid="box-views-enlarge"
        title={t("boxViews.enlargeTitle")}
        onClick={() => setLarge(!large)}
      >
        {large ? t("boxViews.smaller") : t("boxViews.enlarge")}
      </button>
      {VIEWS.map((view) => (
        <BoxView
          key={view}
          view={view}
          cuboid={cuboid}
          tool={tool}
          dragStart={dragStart}
          points={points}
          color={color}
          size={size}
        />
      ))}
    </div>
  );
}
