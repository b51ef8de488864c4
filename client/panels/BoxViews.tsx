import type { LoadedPoints } from "../app/frameLoader";
import { useEditorState } from "../app/useEditorState";
import type { Editor } from "../editor/createEditor";
import { selectedCuboid } from "../editor/selectors";
import type { BoxViewTool } from "../editor/tools/createBoxViewTool";
import { useState } from "react";
import { BOX_VIEW_PX, BoxView } from "./BoxView";

/** Top, side and front views of the selected cuboid, or a hint when nothing is selected here. */
export function BoxViews({
  editor,
  tool,
  points,
}: {
  editor: Editor;
  tool: BoxViewTool;
  points: LoadedPoints | null;
}) {
  const cuboid = useEditorState(editor, selectedCuboid);
  const [large, setLarge] = useState(false);
  const trackId = useEditorState(editor, (s) => s.selectedTrackId);
  if (!cuboid)
    return (
      <div className="box-views empty" data-testid="box-views">
        {trackId
          ? `Track ${trackId} has no box in this frame: press [ or ] on a frame that has one to copy it.`
          : "Select a box to see it from the top, side and front."}
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
        title="Enlarge the top, side and front views (wheel: zoom on an edge; double click: frame the box)"
        onClick={() => setLarge(!large)}
      >
        {large ? "Smaller views" : "Enlarge views"}
      </button>
      <BoxView view="top" cuboid={cuboid} tool={tool} points={points} color={color} size={size} />
      <BoxView view="side" cuboid={cuboid} tool={tool} points={points} color={color} size={size} />
      <BoxView view="front" cuboid={cuboid} tool={tool} points={points} color={color} size={size} />
    </div>
  );
}
