import { useTranslation } from "react-i18next";
import { useReviewState } from "../../app/useReviewState";
import { useEditorState } from "../../app/useEditorState";
import { setFrame } from "../../editor/commands/frames";
import type { Editor } from "../../editor/createEditor";
import type { ReviewSession } from "../../editor/review/createReviewSession";
import { verdictIndex } from "../../editor/review/verdictIndex";
import { reasonCodeLabel } from "../../i18n/codeLabels";
import { trackLabel } from "../../i18n/trackLabel";

/**
 * The boxes whose verdict is a reject, with the reason and note: the labeler's to-do list in rework.
 * A box edited after its reject shows as "edited" (the reviewer judges it again).
 */
export function RejectedBoxes({ editor, review }: { editor: Editor; review: ReviewSession }) {
  const { t } = useTranslation();
  const verdicts = useReviewState(review, (s) => s.verdicts);
  const errorTypes = useReviewState(review, (s) => s.errorTypes);
  const cuboids = useEditorState(editor, (s) => s.cuboids);
  const verdictOf = verdictIndex(verdicts);
  const rejected = [...cuboids.values()]
    .flatMap((c) => {
      const v = verdictOf({ cuboidId: c.id, trackId: c.trackId });
      return v?.verdict === "rejected" ? [{ c, v }] : [];
    })
    .sort((a, b) => a.c.frameIndex - b.c.frameIndex);
  if (rejected.length === 0) return null;
  return (
    <section className="rejected-boxes" data-testid="rejected-boxes">
      <header>
        <strong>{t("review.rejectedBoxes")}</strong> {rejected.length}
      </header>
      <ul>
        {rejected.map(({ c, v }) => {
          const edited = (c.updatedAt ?? "") > v.createdAt;
          return (
            <li key={c.id} data-testid="rejected-box" data-cuboid={c.id} data-edited={edited}>
              <button
                type="button"
                onClick={() => {
                  setFrame(editor, c.frameIndex);
                  editor.store.update({ selectedTrackId: c.trackId });
                }}
              >
                {t("review.rejectedRow", {
                  reason: v.reasonCode === null ? "" : reasonCodeLabel(v.reasonCode, errorTypes),
                  track: trackLabel(c.trackId),
                  frame: c.frameIndex + 1,
                })}
                {v.note && <span className="muted"> · “{v.note}”</span>}
                {edited && <b>{t("review.edited")}</b>}
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
