import { useEffect, useState } from "react";
import type { Editor } from "../editor/createEditor";
import { type Autosave, createAutosave } from "../editor/sync/createAutosave";
import { createIndexedDbOutbox } from "../editor/sync/createIndexedDbOutbox";
import { createMemoryOutbox } from "../editor/sync/Outbox";
import { apiFetch } from "./api";
import type { WorkspaceData } from "./useWorkspaceData";

/**
 * Autosave for the workspace: restores what an earlier tab left unsaved (IndexedDB), saves in
 * batches, retries when the server comes back (also on the browser's `online` event).
 */
export function useAutosave(editor: Editor, sequenceId: string, data: WorkspaceData): Autosave | null {
  const [autosave, setAutosave] = useState<Autosave | null>(null);
  useEffect(() => {
    const outbox = typeof indexedDB !== "undefined" ? createIndexedDbOutbox() : createMemoryOutbox();
    const a = createAutosave({
      editor,
      sequenceId,
      baseRevision: data.snapshot.revision,
      outbox,
      fetch: apiFetch,
    });
    void a.restore(data.snapshot);
    const onOnline = () => void a.flush();
    window.addEventListener("online", onOnline);
    setAutosave(a);
    return () => {
      window.removeEventListener("online", onOnline);
      void a.flush();
      a.dispose();
    };
  }, [editor, sequenceId, data]);
  return autosave;
}
