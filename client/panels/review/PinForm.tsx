import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { useReviewState } from "../../app/useReviewState";
import type { ReviewSession } from "../../editor/review/createReviewSession";

/** Writing a pinned issue: what it is pinned to (a point pin waits for a click in the top-down view). */
export function PinForm({ review }: { review: ReviewSession }) {
  const { t } = useTranslation();
  const draft = useReviewState(review, (s) => s.pinDraft);
  const input = useRef<HTMLInputElement>(null);
  const anchored = draft?.anchor != null;
  useEffect(() => {
    if (anchored) input.current?.focus();
  }, [anchored]);
  if (!draft) return null;
  return (
    <form
      className="pin-form"
      data-testid="pin-form"
      onSubmit={(e) => {
        e.preventDefault();
        input.current?.blur();
        void review.commitPin();
      }}
    >
      <strong>
        {t("review.issueOn", {
          anchor: t(`review.anchor.${draft.anchor ? draft.anchor.kind : "pending"}`),
          frame: draft.frameIndex + 1,
        })}
      </strong>
      {!draft.anchor && <p className="muted">{t("review.clickSpot")}</p>}
      <input
        ref={input}
        data-testid="pin-body"
        placeholder={t("review.pinPlaceholder")}
        value={draft.body}
        disabled={!anchored}
        onChange={(e) => review.setPinBody(e.target.value)}
      />
      <button type="submit" data-testid="pin-submit" disabled={!anchored || !draft.body.trim()}>
        {t("review.pin")}
      </button>
      <button type="button" onClick={() => review.cancelDrafts()}>
        {t("common.cancel")} <kbd>Esc</kbd>
      </button>
    </form>
  );
}
