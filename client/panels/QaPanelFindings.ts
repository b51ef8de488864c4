import type { CuboidSize } from "../../core/model/Cuboid";
import { buildFrameIndex, type FrameIndex } from "../../core/pointcloud/FrameIndex";
import type { QaFinding } from "../../core/qa/QaFinding";
import type { QaInput } from "../../core/qa/QaInput";
import type { LoadedPoints } from "../app/frameLoader";
import type { Editor } from "../editor/createEditor";
import type { TimelineMark } from "./Timeline";
import type { EditorState } from "../editor/EditorState";

/** The frame on screen with its points bucketed for the point checks. */
export interface QaFramePoints {
  frameIndex: number;
  index: FrameIndex;
}

/** Buckets the frame on screen's points (full resolution when the pool has them; ≈ 10 ms at 120k points). */
export function qaFramePoints(frameIndex: number, points: LoadedPoints): QaFramePoints {
  const cloud = points.full ?? {
    pointCount: points.displayCount,
    positions: points.positions,
    originM: points.originM,
  };
  return { frameIndex, index: buildFrameIndex({ ...cloud, attributes: {} }) };
}

/**
 * What the checks read in the workspace: every cuboid, the frames' times and poses, the project's
 * class sizes, the stored track classes, and the points of the frame on screen only (the point
 * checks judge that frame; a gap elsewhere is reported without the visibility test).
 */
export function qaInputOfEditor(editor: Editor, s: EditorState, current: QaFramePoints | null): QaInput {
  return {
    frames: editor.timedFrames.map((f) => ({ timestampS: f.timestampS, worldFromLidar: f.worldFromLidar })),
    boxes: [...s.cuboids.values()],
    points: (k) => (current && k === current.frameIndex ? current.index : null),
    classSizes: new Map<string, CuboidSize>(editor.classes.map((c) => [c.name, c.defaultSize])),
    trackClasses: new Map([...s.tracks.values()].map((t) => [t.trackId, t.className])),
  };
}

const RANK = { error: 0, warning: 1, info: 2 } as const;

/** One timeline mark per frame with findings, with the worst severity there. */
export function qaTimelineMarks(findings: readonly QaFinding[]): TimelineMark[] {
  const worst = new Map<number, TimelineMark["severity"]>();
  for (const f of findings) {
    const seen = worst.get(f.frameIndex);
    if (!seen || RANK[f.severity] < RANK[seen]) worst.set(f.frameIndex, f.severity);
  }
  return [...worst].map(([frameIndex, severity]) => ({ frameIndex, severity }));
}
