import { useEditorState } from "../app/useEditorState";
import { fitSizeOfSelectedTrack } from "../editor/commands/fitSizeOfSelectedTrack";
import { interpolateSelected } from "../editor/commands/interpolateSelected";
import { propagateSelected } from "../editor/commands/propagateSelected";
import type { Editor } from "../editor/createEditor";
import type { ColorMode, ViewSettings } from "../editor/EditorState";

const setView = (editor: Editor, patch: Partial<ViewSettings>) =>
  editor.store.update((s) => ({ view: { ...s.view, ...patch } }));

/** Tool and view switches; each mirrors a shortcut (see the help overlay). */
export function Toolbar({ editor, onAutoFit }: { editor: Editor; onAutoFit?: () => void }) {
  const tool = useEditorState(editor, (s) => s.tool);
  const view = useEditorState(editor, (s) => s.view);
  return (
    <div className="toolbar" data-testid="toolbar">
      <button
        type="button"
        data-testid="tool-select"
        aria-pressed={tool === "select"}
        onClick={() => editor.store.update({ tool: "select" })}
        title="Select / move (Esc)"
      >
        Select
      </button>
      <button
        type="button"
        data-testid="tool-create"
        aria-pressed={tool === "create"}
        onClick={() => editor.store.update({ tool: "create" })}
        title="New box: drag or click in the top-down view (N)"
      >
        + Box
      </button>
      {onAutoFit && (
        <button
          type="button"
          data-testid="auto-fit"
          onClick={onAutoFit}
          title="Auto-fit the selected box to its points"
        >
          Fit
        </button>
      )}
      <button
        type="button"
        data-testid="propagate-backward"
        onClick={() => void propagateSelected(editor, "backward")}
        title="Propagate the selected box backward until confidence drops (Shift+P)"
      >
        ◂ Track
      </button>
      <button
        type="button"
        data-testid="propagate-forward"
        onClick={() => void propagateSelected(editor, "forward")}
        title="Propagate the selected box forward until confidence drops (P)"
      >
        Track ▸
      </button>
      <button
        type="button"
        data-testid="interpolate-track"
        onClick={() => interpolateSelected(editor)}
        title="Interpolate the selected track between its human keyframes (I)"
      >
        Interp
      </button>
      <button
        type="button"
        data-testid="fit-track-size"
        onClick={() => void fitSizeOfSelectedTrack(editor)}
        title="One size for the selected track from all its frames (Shift+X)"
      >
        Size
      </button>
      <button
        type="button"
        data-testid="view-mode"
        onClick={() => setView(editor, { mainView: view.mainView === "bev" ? "perspective" : "bev" })}
        title="Top-down / perspective (T)"
      >
        {view.mainView === "bev" ? "Top-down" : "3D"}
      </button>
      <select
        data-testid="color-mode"
        value={view.colorMode}
        onChange={(e) => setView(editor, { colorMode: e.target.value as ColorMode })}
        title="Point colours (C)"
      >
        <option value="height">height</option>
        <option value="intensity">intensity</option>
        <option value="distance">distance</option>
        <option value="label">label</option>
      </select>
      <label title="Point size (+ / −)">
        size
        <input
          type="range"
          data-testid="point-size"
          min={1}
          max={8}
          value={view.pointSizePx}
          onChange={(e) => setView(editor, { pointSizePx: Number(e.target.value) })}
        />
      </label>
      <label>
        <input
          type="checkbox"
          data-testid="toggle-grid"
          checked={view.showGrid}
          onChange={(e) => setView(editor, { showGrid: e.target.checked })}
        />
        grid (G)
      </label>
      <label>
        <input
          type="checkbox"
          data-testid="toggle-focus"
          checked={view.focusMode}
          onChange={(e) => setView(editor, { focusMode: e.target.checked })}
        />
        focus (M)
      </label>
      <button
        type="button"
        data-testid="help-button"
        onClick={() => setView(editor, { helpOpen: !view.helpOpen })}
      >
        ?
      </button>
    </div>
  );
}
