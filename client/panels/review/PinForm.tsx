import { useEffect, useRef } from "react";
import { useReviewState } from "../../app/useReviewState";
import type { ReviewSession } from "../../editor/review/createReviewSession";

const ANCHOR_LABEL = { box: "this box", track: "this track", point: "the point clicked" } as const;

/** Writing a pinned issue: what it is pinned to (a point pin waits for a click in the top-down view). */
export function PinForm({ review }: { review: ReviewSession }) {
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
        Issue on {draft.anchor ? ANCHOR_LABEL[draft.anchor.kind] : "…"} at frame {draft.frameIndex + 1}
      </strong>
      {!draft.anchor && <p className="muted">Click the spot in the top-down view.</p>}
      <input
        ref={input}
        data-testid="pin-body"
        placeholder="What is wrong here? Enter pins it"
        value={draft.body}
        disabled={!anchored}
        onChange={(e) => review.setPinBody(e.target.value)}
      />
      <button type="submit" data-testid="pin-submit" disabled={!anchored || !draft.body.trim()}>
        Pin
      </button>
      <button type="button" onClick={() => review.cancelDrafts()}>
        Cancel <kbd>Esc</kbd>
      </button>
    </form>
  );
}
