import { useSyncExternalStore } from "react";
import type { Editor } from "../editor/createEditor";
import type { EditorState } from "../editor/EditorState";

/** Subscribes a component to one slice of the editor state; re-renders only when the slice changes (Object.is). */
export function useEditorState<T>(editor: Editor, select: (s: EditorState) => T): T {
  return useSyncExternalStore(
    (l) => editor.store.subscribe(l),
    () => select(editor.store.get()),
  );
}
