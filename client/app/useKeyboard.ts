import { useEffect } from "react";
import type { Editor } from "../editor/createEditor";
import { handleKey } from "../editor/shortcuts";

/** Routes window key presses to the shortcut table, except while typing in a form field. */
export function useKeyboard(editor: Editor, cancel: () => boolean): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const t = e.target as HTMLElement | null;
      const typing =
        t &&
        (t.tagName === "INPUT" || t.tagName === "TEXTAREA" || t.tagName === "SELECT" || t.isContentEditable);
      if (typing && e.key !== "Escape") return;
      if (typing) (t as HTMLElement).blur();
      if (handleKey(editor, { cancel }, e)) e.preventDefault();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [editor, cancel]);
}
