import { useTranslation } from "react-i18next";
import { useEditorState } from "../app/useEditorState";
import type { Editor } from "../editor/createEditor";
import { SHORTCUTS } from "../editor/shortcuts";

/** `?`: every shortcut, from the same table the keyboard handler runs. Keys are the same in every language. */
export function HelpOverlay({ editor }: { editor: Editor }) {
  const { t } = useTranslation();
  const open = useEditorState(editor, (s) => s.view.helpOpen);
  if (!open) return null;
  const close = () => editor.store.update((s) => ({ view: { ...s.view, helpOpen: false } }));
  return (
    <div className="help-overlay" data-testid="help-overlay" onClick={close}>
      <div className="help-card" onClick={(e) => e.stopPropagation()}>
        <h2>{t("help.title")}</h2>
        <table>
          <tbody>
            {SHORTCUTS.filter((s) => s.keys).map((s) => (
              <tr key={`${s.keys}|${s.descriptionKey}`}>
                <td>
                  <kbd>{s.keys.replaceAll(" or ", ` ${t("common.or")} `)}</kbd>
                </td>
                <td>{t(s.descriptionKey, s.descriptionValues)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="muted">{t("help.mouse")}</p>
        <button type="button" onClick={close}>
          {t("help.close")}
        </button>
      </div>
    </div>
  );
}
