import { useEffect, useState } from "react";
import type { AnnotationSnapshot } from "../../core/api/annotationBatch";
import type { SequenceDetail } from "../../core/api/sequenceDetail";
import { errorMessage } from "../i18n/errorMessage";
import { fetchAnnotations, fetchSequence } from "./apiClient";

export interface WorkspaceData {
  detail: SequenceDetail;
  snapshot: AnnotationSnapshot;
}

/** Fetches the sequence and its annotations once per sequence id. */
export function useWorkspaceData(sequenceId: string): { data: WorkspaceData | null; error: string | null } {
  const [data, setData] = useState<WorkspaceData | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const ac = new AbortController();
    Promise.all([
      fetchSequence(sequenceId, ac.signal),
      fetchAnnotations(sequenceId, { signal: ac.signal }),
    ]).then(
      ([detail, snapshot]) => setData({ detail, snapshot }),
      (e: Error) => {
        if (e.name !== "AbortError") setError(errorMessage(e));
      },
    );
    return () => ac.abort();
  }, [sequenceId]);
  return { data, error };
}
