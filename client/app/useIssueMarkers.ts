import { useMemo, useSyncExternalStore } from "react";
import type { ReviewIssue } from "../../core/review/ReviewIssue";
import type { Editor } from "../editor/createEditor";
import type { ReviewSession } from "../editor/review/createReviewSession";
import { issueMarkerPoint } from "../editor/review/issueMarkerPoint";
import type { IssueMarker } from "../viewer/IssueMarkersLayer";
import { useEditorState } from "./useEditorState";

const NONE: readonly ReviewIssue[] = [];
const OPEN = new Set<ReviewIssue["status"]>(["open", "reopened"]);

/** Every pinned issue as a marker (its frame, point and whether it is open), following box edits. */
export function useIssueMarkers(
  editor: Editor,
  review: ReviewSession | null,
): Array<IssueMarker & { frameIndex: number }> {
  const issues = useSyncExternalStore(
    (l) => review?.store.subscribe(l) ?? (() => {}),
    () => review?.store.get().issues ?? NONE,
  );
  const cuboids = useEditorState(editor, (s) => s.cuboids);
  return useMemo(() => {
    const s = editor.store.get();
    void cuboids;
    return issues.flatMap((i) => {
      const pointM = issueMarkerPoint(s, i);
      return pointM ? [{ id: i.id, frameIndex: i.frameIndex, pointM, open: OPEN.has(i.status) }] : [];
    });
  }, [editor, issues, cuboids]);
}

/** One timeline mark per frame with issues: open when any there is. */
export function issueFramesOf(
  markers: ReadonlyArray<{ frameIndex: number; open: boolean }>,
): Array<{ frameIndex: number; open: boolean }> {
  const m = new Map<number, boolean>();
  for (const x of markers) m.set(x.frameIndex, (m.get(x.frameIndex) ?? false) || x.open);
  return [...m].map(([frameIndex, open]) => ({ frameIndex, open }));
}
