import type { LoadedPoints } from "../app/frameLoader";
import { useEditorState } from "../app/useEditorState";
import type { Editor } from "../editor/createEditor";
import { selectedCuboid } from "../editor/selectors";
import type { BoxViewTool } from "../editor/tools/createBoxViewTool";
import { BoxView } from "./BoxView";

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
  return (
    <div className="box-views" data-testid="box-views">
      <BoxView view="top" cuboid={cuboid} tool={tool} points={points} color={color} />
      <BoxView view="side" cuboid={cuboid} tool={tool} points={points} color={color} />
      <BoxView view="front" cuboid={cuboid} tool={tool} points={points} color={color} />
    </div>
  );
}
