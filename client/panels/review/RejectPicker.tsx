import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { useReviewState } from "../../app/useReviewState";
import type { ReviewSession } from "../../editor/review/createReviewSession";
import { errorTypeLabel } from "../../i18n/codeLabels";

/**
 * The reject being written: the project's error types numbered 1–9 (the digit keys pick one), then
 * the note field takes the keys, and Enter confirms: B, digit, Enter is a reject with a reason.
 */
export function RejectPicker({ review }: { review: ReviewSession }) {
  const { t } = useTranslation();
  const draft = useReviewState(review, (s) => s.rejectDraft);
  const errorTypes = useReviewState(review, (s) => s.errorTypes);
  const note = useRef<HTMLInputElement>(null);
  const picked = draft?.reasonCode ?? null;
  useEffect(() => {
    if (picked) note.current?.focus();
  }, [picked]);
  if (!draft) return null;
  return (
    <div className="reject-picker" data-testid="reject-picker">
      <strong>{t("review.rejectWhy")}</strong>
      <ul>
        {errorTypes.slice(0, 9).map((type, i) => (
          <li key={type.code}>
            <button
              type="button"
              data-testid="reject-reason"
              data-code={type.code}
              aria-pressed={picked === type.code}
              onClick={() => review.pickReason(i + 1)}
            >
              <kbd>{i + 1}</kbd> {errorTypeLabel(type)}
            </button>
          </li>
        ))}
      </ul>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          note.current?.blur();
          void review.commitReject();
        }}
      >
        <input
          ref={note}
          data-testid="reject-note"
          placeholder={t("review.notePlaceholder")}
          value={draft.note}
          disabled={!picked}
          onChange={(e) => review.setRejectNote(e.target.value)}
        />
        <button type="submit" data-testid="reject-submit" disabled={!picked}>
          {t("review.rejectSubmit")} <kbd>Enter</kbd>
        </button>
        <button type="button" onClick={() => review.cancelDrafts()}>
          {t("common.cancel")} <kbd>Esc</kbd>
        </button>
      </form>
    </div>
  );
}
