import type { ReviewIssue } from "../../../core/review/ReviewIssue";
import type { EditorState } from "../EditorState";

/**
 * Where an issue's marker is drawn, in its frame's lidar coordinates: the top centre of its box (a
 * box or track pin; the box as it is now, so the marker follows a fix), or the pinned point.
 * Null when the box is gone.
 */
export function issueMarkerPoint(
  s: EditorState,
  issue: ReviewIssue,
): { x: number; y: number; z: number } | null {
  const a = issue.anchor;
  if (a.kind === "point") return a.pointM;
  const box =
    a.kind === "box"
      ? s.cuboids.get(a.cuboidId)
      : [...s.cuboids.values()].find((c) => c.trackId === a.trackId && c.frameIndex === a.frameIndex);
  return box ? { x: box.centerM.x, y: box.centerM.y, z: box.centerM.z + box.size.heightM / 2 } : null;
}
