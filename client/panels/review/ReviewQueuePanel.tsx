import { useTranslation } from "react-i18next";
import { useReviewState } from "../../app/useReviewState";
import type { ReviewSession } from "../../editor/review/createReviewSession";
import { verdictIndex } from "../../editor/review/verdictIndex";
import { reasonCodeLabel } from "../../i18n/codeLabels";
import { PinForm } from "./PinForm";
import { RejectPicker } from "./RejectPicker";
import { trackLabel } from "../../i18n/trackLabel";

/** Rows shown around the cursor: the queue may hold thousands of boxes. */
const WINDOW = 12;

/**
 * Reviewer mode's queue (core/review order): progress, the box at the cursor with why it is there,
 * the reject picker or issue form while one is open, and the rows around the cursor.
 */
export function ReviewQueuePanel({ review }: { review: ReviewSession }) {
  const { t } = useTranslation();
  const queue = useReviewState(review, (s) => s.queue);
  const cursor = useReviewState(review, (s) => s.cursor);
  const verdicts = useReviewState(review, (s) => s.verdicts);
  const errorTypes = useReviewState(review, (s) => s.errorTypes);
  const message = useReviewState(review, (s) => s.message);
  const rejecting = useReviewState(review, (s) => s.rejectDraft !== null);
  const pinning = useReviewState(review, (s) => s.pinDraft !== null);
  const verdictOf = verdictIndex(verdicts);
  const judged = queue.map((q) => verdictOf(q));
  const accepted = judged.filter((v) => v?.verdict === "accepted").length;
  const rejected = judged.filter((v) => v?.verdict === "rejected").length;
  const current = queue[cursor];
  const from = Math.max(0, Math.min(cursor - 3, queue.length - WINDOW));
  return (
    <section className="review-panel" data-testid="review-queue">
      <header>
        <strong>{t("review.queueTitle")}</strong>
        <span data-testid="review-progress" data-accepted={accepted} data-rejected={rejected}>
          {t("review.progress", { done: accepted + rejected, total: queue.length, accepted, rejected })}
        </span>
      </header>
      {current && (
        <p className="review-current" data-testid="review-current" data-cuboid={current.cuboidId}>
          <b>
            {t("review.current", {
              n: cursor + 1,
              track: trackLabel(current.trackId),
              frame: current.frameIndex + 1,
            })}
          </b>{" "}
          <span className={`group group-${current.group}`}>{t(`review.group.${current.group}`)}</span>
          {current.needsReview && <span className="muted"> · {current.needsReview}</span>}
          {current.qaKinds.length > 0 && <span className="muted"> · {current.qaKinds.join(", ")}</span>}
        </p>
      )}
      {rejecting && <RejectPicker review={review} />}
      {pinning && <PinForm review={review} />}
      {!rejecting && !pinning && (
        <div className="review-buttons">
          <button type="button" data-testid="review-accept" onClick={() => void review.acceptBox()} title="Y">
            {t("review.accept")} <kbd>Y</kbd>
          </button>
          <button type="button" onClick={() => void review.acceptTrack()} title="Shift+Y">
            {t("review.acceptTrack")} <kbd>⇧Y</kbd>
          </button>
          <button type="button" data-testid="review-reject" onClick={() => review.beginReject()} title="B">
            {t("review.reject")} <kbd>B</kbd>
          </button>
          <button type="button" data-testid="pin-issue-box" onClick={() => review.beginPin("box")} title="O">
            {t("review.pinIssue")} <kbd>O</kbd>
          </button>
          <button type="button" data-testid="pin-issue-point" onClick={() => review.beginPin("point")}>
            {t("review.pinPoint")}
          </button>
        </div>
      )}
      {message && (
        <p className="muted" role="status" data-testid="review-message">
          {message}
        </p>
      )}
      <ol className="review-rows" start={from + 1}>
        {queue.slice(from, from + WINDOW).map((q, k) => {
          const v = judged[from + k];
          return (
            <li
              key={q.cuboidId}
              data-testid="review-queue-item"
              data-cuboid={q.cuboidId}
              data-verdict={v?.verdict ?? "none"}
              className={from + k === cursor ? "current" : ""}
            >
              <button type="button" onClick={() => review.goTo(from + k)}>
                <span className={`verdict verdict-${v?.verdict ?? "none"}`}>
                  {v ? (v.verdict === "accepted" ? "✓" : "✗") : "·"}
                </span>{" "}
                {t("review.row", { track: trackLabel(q.trackId), frame: q.frameIndex + 1 })}{" "}
                <span className="muted">{t(`review.group.${q.group}`)}</span>
                {v?.reasonCode && (
                  <span className="muted"> · {reasonCodeLabel(v.reasonCode, errorTypes)}</span>
                )}
              </button>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
