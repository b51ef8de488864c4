import { useTranslation } from "react-i18next";
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
  const { t } = useTranslation();
  const tool = useEditorState(editor, (s) => s.tool);
  const view = useEditorState(editor, (s) => s.view);
  return (
    <div className="toolbar" data-testid="toolbar">
      <button
        type="button"
        data-testid="tool-select"
        aria-pressed={tool === "select"}
        onClick={() => editor.store.update({ tool: "select" })}
        title={t("toolbar.selectTitle")}
      >
        {t("toolbar.select")}
      </button>
      <button
        type="button"
        data-testid="tool-create"
        aria-pressed={tool === "create"}
        onClick={() => editor.store.update({ tool: "create" })}
        title={t("toolbar.createTitle")}
      >
        + {t("toolbar.create")}
      </button>
      {onAutoFit && (
        <button type="button" data-testid="auto-fit" onClick={onAutoFit} title={t("toolbar.fitTitle")}>
          {t("toolbar.fit")}
        </button>
      )}
      <button
        type="button"
        data-testid="propagate-backward"
        onClick={() => void propagateSelected(editor, "backward")}
        title={t("toolbar.propagateBackwardTitle")}
      >
        ◂ {t("toolbar.propagate")}
      </button>
      <button
        type="button"
        data-testid="propagate-forward"
        onClick={() => void propagateSelected(editor, "forward")}
        title={t("toolbar.propagateForwardTitle")}
      >
        {t("toolbar.propagate")} ▸
      </button>
      <button
        type="button"
        data-testid="interpolate-track"
        onClick={() => interpolateSelected(editor)}
        title={t("toolbar.interpolateTitle")}
      >
        {t("toolbar.interpolate")}
      </button>
      <button
        type="button"
        data-testid="fit-track-size"
        onClick={() => void fitSizeOfSelectedTrack(editor)}
        title={t("toolbar.trackSizeTitle")}
      >
        {t("toolbar.trackSize")}
      </button>
      <button
        type="button"
        data-testid="view-mode"
        onClick={() => setView(editor, { mainView: view.mainView === "bev" ? "perspective" : "bev" })}
        title={t("toolbar.viewTitle")}
      >
        {view.mainView === "bev" ? t("toolbar.viewTop") : t("toolbar.view3d")}
      </button>
      <select
        data-testid="color-mode"
        value={view.colorMode}
        onChange={(e) => setView(editor, { colorMode: e.target.value as ColorMode })}
        title={t("toolbar.colorTitle")}
      >
        <option value="height">{t("toolbar.colorHeight")}</option>
        <option value="intensity">{t("toolbar.colorIntensity")}</option>
        <option value="distance">{t("toolbar.colorDistance")}</option>
        <option value="label">{t("toolbar.colorLabel")}</option>
      </select>
      <label title={t("toolbar.pointSizeTitle")}>
        {t("toolbar.pointSize")}
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
        {t("toolbar.grid")} (G)
      </label>
      <label>
        <input
          type="checkbox"
          data-testid="toggle-focus"
          checked={view.focusMode}
          onChange={(e) => setView(editor, { focusMode: e.target.checked })}
        />
        {t("toolbar.focus")} (M)
      </label>
      <button
        type="button"
        data-testid="help-button"
        title={t("toolbar.helpTitle")}
        onClick={() => setView(editor, { helpOpen: !view.helpOpen })}
      >
        ?
      </button>
    </div>
  );
}
