import type { ReviewIssue } from "../../core/review/ReviewIssue";
import type { Editor } from "../editor/createEditor";
import { issueMarkerPoint } from "../editor/review/issueMarkerPoint";
import type { WorkspaceReview } from "./createWorkspaceReview";
import { createSlice, type Slice } from "./Slice";

/** A pinned review issue where it is drawn: its frame, its point (lidar coordinates), open or settled. */
export interface FrameIssueMarker {
  id: string;
  frameIndex: number;
  pointM: { x: number; y: number; z: number };
  open: boolean;
}

const NONE: readonly FrameIssueMarker[] = [];
const OPEN = new Set<ReviewIssue["status"]>(["open", "reopened"]);

/**
 * Every pinned issue of the task as a marker, following box edits (a box pin sits on the box as it
 * is now). Without a task or issues the slice stays one empty array, so edits notify nobody.
 */
export function createIssueMarkers(
  editor: Editor,
  review: Slice<WorkspaceReview>,
): { slice: Slice<readonly FrameIssueMarker[]>; dispose(): void } {
  const slice = createSlice<readonly FrameIssueMarker[]>(NONE);
  let issues: readonly ReviewIssue[] = [];
  const rebuild = () => {
    if (issues.length === 0) return slice.set(NONE);
    const s = editor.store.get();
    slice.set(
      issues.flatMap((i) => {
        const pointM = issueMarkerPoint(s, i);
        return pointM ? [{ id: i.id, frameIndex: i.frameIndex, pointM, open: OPEN.has(i.status) }] : [];
      }),
    );
  };
  let offSession = () => {};
  const follow = () => {
    offSession();
    const session = review.getSnapshot().session;
    issues = session?.store.get().issues ?? [];
    offSession = session
      ? session.store.subscribe((s, p) => {
          if (s.issues === p.issues) return;
          issues = s.issues;
          rebuild();
        })
      : () => {};
    rebuild();
  };
  const offReview = review.subscribe(follow);
  const offEditor = editor.store.subscribe((s, p) => {
    if (s.cuboids !== p.cuboids && issues.length > 0) rebuild();
  });
  follow();
  return {
    slice,
    dispose() {
      offReview();
      offEditor();
      offSession();
    },
  };
}

/** One timeline mark per frame with issues: open when any there is. */
export function issueFramesOf(
  markers: ReadonlyArray<{ frameIndex: number; open: boolean }>,
): Array<{ frameIndex: number; open: boolean }> {
  const m = new Map<number, boolean>();
  for (const x of markers) m.set(x.frameIndex, (m.get(x.frameIndex) ?? false) || x.open);
  return [...m].map(([frameIndex, open]) => ({ frameIndex, open }));
}
