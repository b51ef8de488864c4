import { useTranslation } from "react-i18next";
import { useEditorState } from "../app/useEditorState";
import type { Editor } from "../editor/createEditor";

/** The last machine step's outcome (where propagation stopped, what was interpolated), dismissable. */
export function FitNotice({ editor }: { editor: Editor }) {
  const { t } = useTranslation();
  const notice = useEditorState(editor, (s) => s.notice);
  if (!notice) return null;
  return (
    <span className="fit-notice" data-testid="fit-notice" role="status">
      {notice}{" "}
      <button
        type="button"
        onClick={() => editor.store.update({ notice: null })}
        aria-label={t("common.dismiss")}
      >
        ×
      </button>
    </span>
  );
}
