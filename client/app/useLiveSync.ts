import { useEffect } from "react";
import type { Editor } from "../editor/createEditor";
import type { Autosave } from "../editor/sync/createAutosave";
import { createLiveSync } from "../editor/sync/createLiveSync";
import { apiClient, ok, pathParam } from "./apiClient";
import type { WorkspaceData } from "./useWorkspaceData";

/** Other people's edits and presence in this sequence, live, once the autosave is there to rebase onto. */
export function useLiveSync(
  editor: Editor,
  sequenceId: string,
  data: WorkspaceData,
  autosave: Autosave | null,
) {
  useEffect(() => {
    if (!autosave || typeof EventSource === "undefined") return;
    const live = createLiveSync({
      editor,
      receive: (b) => autosave.receive(b),
      sequenceId,
      afterRevision: data.snapshot.revision,
      clientId: editor.newId(),
      openEvents: (url) => new EventSource(url, { withCredentials: true }),
      postPresence: (body) =>
        ok(
          apiClient.api.sequences[":id"].presence.$post({ param: { id: pathParam(sequenceId) }, json: body }),
        ),
    });
    return () => live.dispose();
  }, [editor, sequenceId, data, autosave]);
}
