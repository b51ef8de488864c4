import { useEditorState } from "../app/useEditorState";
import type { Editor } from "../editor/createEditor";
import { SHORTCUTS } from "../editor/shortcuts";

/** `?`: every shortcut, from the same table the keyboard handler runs. */
export function HelpOverlay({ editor }: { editor: Editor }) {
  const open = useEditorState(editor, (s) => s.view.helpOpen);
  if (!open) return null;
  const close = () => editor.store.update((s) => ({ view: { ...s.view, helpOpen: false } }));
  return (
    <div className="help-overlay" data-testid="help-overlay" onClick={close}>
      <div className="help-card" onClick={(e) => e.stopPropagation()}>
        <h2>Keyboard shortcuts</h2>
        <table>
          <tbody>
            {SHORTCUTS.filter((s) => s.keys).map((s) => (
              <tr key={s.keys}>
                <td>
                  <kbd>{s.keys}</kbd>
                </td>
                <td>{s.description}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="muted">
          Mouse (top-down view): wheel zooms, right or middle drag pans, drag a box to move it. Side views:
          drag edges and corners to resize, the dot to rotate, the body to move.
        </p>
        <button type="button" onClick={close}>
          Close (?)
        </button>
      </div>
    </div>
  );
}
