import { useTranslation } from "react-i18next";
import { useEditorState } from "../app/useEditorState";
import { resolveFieldConflict } from "../editor/commands/resolveFieldConflict";
import type { Editor } from "../editor/createEditor";
import { authorLabel, fieldLabel } from "../i18n/codeLabels";

const shown = (v: unknown): string =>
  typeof v === "number" ? String(Math.round(v * 1000) / 1000) : v === undefined ? "—" : JSON.stringify(v);

/**
 * Same-field conflicts: someone else saved a different value of a field we changed. Theirs is
 * saved and on screen; the annotator sees both values and keeps theirs or puts theirs back to ours.
 */
export function ConflictNotices({ editor }: { editor: Editor }) {
  const { t } = useTranslation();
  const conflicts = useEditorState(editor, (s) => s.conflicts);
  const attributes = editor.classes.flatMap((k) => k.attributes);
  if (conflicts.length === 0) return null;
  return (
    <div className="conflict-notices" role="alert" data-testid="conflict-notices">
      {conflicts.map((c) => (
        <div key={c.key} className="conflict-notice" data-testid="conflict-notice">
          <span>
            {t("conflicts.alsoChanged", {
              who: c.by === null ? t("conflicts.someone") : authorLabel(c.by),
              field: fieldLabel(c.field, attributes),
              what: t(c.kind === "track" ? "conflicts.track" : "conflicts.box", {
                id: c.objectId.slice(0, 8),
              }),
            })}{" "}
            {t("conflicts.yours")} <code data-testid="conflict-ours">{shown(c.ours)}</code>,{" "}
            {t("conflicts.theirs")} <code data-testid="conflict-theirs">{shown(c.theirs)}</code>{" "}
            {t("conflicts.saved")}
          </span>{" "}
          <button type="button" onClick={() => resolveFieldConflict(editor, c.key, "mine")}>
            {t("conflicts.keepMine")}
          </button>{" "}
          <button type="button" onClick={() => resolveFieldConflict(editor, c.key, "theirs")}>
            {t("conflicts.keepTheirs")}
          </button>
        </div>
      ))}
    </div>
  );
}
