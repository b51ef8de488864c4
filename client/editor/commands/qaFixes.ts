import type { FrameIndex } from "../../../core/pointcloud/FrameIndex";
import type { QaFinding } from "../../../core/qa/QaFinding";
import { qaFixFor } from "../../../core/qa/fixes/qaFixFor";
import { mergeDiffs } from "../AnnotationDiff";
import { applyDiff, diffDelete, diffPut } from "../applyDiff";
import type { Editor } from "../createEditor";
import { t } from "../../i18n/i18n";
import { qaFixLabel, qaKindLabel } from "../../i18n/qaLabels";

/**
 * Applies the one-click fix a QA finding names (core/qa/fixes/qaFixFor) as ONE undoable step:
 * boxes stamped with the author and time, provenance "qa-fix" ("interpolated" for a filled gap); a
 * deleted duplicate takes its track along when it was the track's only box. `points` gives the
 * frames whose points are at hand (snap-to-ground needs its frame's). Returns whether it changed anything.
 */
export function applyQaFix(
  editor: Editor,
  finding: QaFinding,
  points?: (frameIndex: number) => FrameIndex | null,
): boolean {
  const s = editor.store.get();
  const cuboids = [...s.cuboids.values()];
  const change = qaFixFor(finding, {
    cuboids,
    frames: editor.timedFrames,
    ...(points ? { points } : {}),
    newId: editor.newId,
  });
  if (!change) {
    editor.store.update({
      notice: t("notices.qaNoFix", { kind: qaKindLabel(finding.kind) }),
    });
    return false;
  }
  const put = change.put.map((c) => ({ ...c, updatedBy: editor.author, updatedAt: editor.now() }));
  const deleted = new Set(change.deleteIds);
  const emptiedTracks = [...new Set(cuboids.filter((c) => deleted.has(c.id)).map((c) => c.trackId))].filter(
    (trackId) => !cuboids.some((c) => c.trackId === trackId && !deleted.has(c.id)),
  );
  applyDiff(
    editor,
    mergeDiffs(diffPut(editor, put), diffDelete(editor, change.deleteIds, emptiedTracks)),
    "user",
  );
  editor.store.update({
    notice: t("notices.qaFixed", {
      summary: change.summary,
      fix: finding.fix ? qaFixLabel(finding.fix) : "",
    }),
  });
  return true;
}
