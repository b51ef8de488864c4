import { useTranslation } from "react-i18next";
import { useEditorState } from "../app/useEditorState";
import type { Editor } from "../editor/createEditor";
import type { SaveStatus } from "../editor/EditorState";

const LABEL_KEY: Record<SaveStatus, string> = {
  saved: "save.saved",
  unsaved: "save.unsaved",
  saving: "save.saving",
  offline: "save.offline",
  conflict: "save.conflict",
  error: "save.error",
};

/** The autosave state; `data-status` carries the machine-readable value for tests. */
export function SaveStateBadge({ editor, onDismiss }: { editor: Editor; onDismiss: () => void }) {
  const { t } = useTranslation();
  const save = useEditorState(editor, (s) => s.save);
  return (
    <span className="save-state-wrap">
      <span
        className={`save-state save-${save.status}`}
        data-testid="save-state"
        data-status={save.status}
        title={save.message ?? ""}
      >
        {t(LABEL_KEY[save.status])}
        {save.pendingOps > 0 && save.status !== "saved" ? ` (${save.pendingOps})` : ""}
      </span>
      {save.message && (
        <span className="save-message" data-testid="save-message" role="status">
          {save.message}{" "}
          <button type="button" onClick={onDismiss} aria-label={t("common.dismiss")}>
            ×
          </button>
        </span>
      )}
    </span>
  );
}
