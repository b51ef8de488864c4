import { useEditorState } from "../app/useEditorState";
import type { Editor } from "../editor/createEditor";

const LABEL = {
  saved: "All changes saved",
  unsaved: "Unsaved changes",
  saving: "Saving…",
  offline: "Offline — edits kept in this browser",
  conflict: "Conflict merged — saving",
  error: "Save failed — retrying",
} as const;

/** The autosave state; `data-status` carries the machine-readable value for tests. */
export function SaveStateBadge({ editor, onDismiss }: { editor: Editor; onDismiss: () => void }) {
  const save = useEditorState(editor, (s) => s.save);
  return (
    <span className="save-state-wrap">
      <span
        className={`save-state save-${save.status}`}
        data-testid="save-state"
        data-status={save.status}
        title={save.message ?? ""}
      >
        {LABEL[save.status]}
        {save.pendingOps > 0 && save.status !== "saved" ? ` (${save.pendingOps})` : ""}
      </span>
      {save.message && (
        <span className="save-message" data-testid="save-message" role="status" title={save.message}>
          {save.message}{" "}
          <button type="button" onClick={onDismiss} aria-label="dismiss">
            ×
          </button>
        </span>
      )}
    </span>
  );
}
