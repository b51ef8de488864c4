import type { ReviewDiffView } from "../../app/useReviewDiff";
import { useReviewState } from "../../app/useReviewState";
import type { Editor } from "../../editor/createEditor";
import type { ReviewSession } from "../../editor/review/createReviewSession";
import { BoxDiffPanel } from "./BoxDiffPanel";
import { IssuesPanel } from "./IssuesPanel";
import { RejectedBoxes } from "./RejectedBoxes";
import { ReviewQueuePanel } from "./ReviewQueuePanel";

/** The review panels of the side bar: the queue in reviewer mode, the to-do lists, the changes. */
export function ReviewSide({
  editor,
  review,
  username,
  diff,
}: {
  editor: Editor;
  review: ReviewSession;
  username: string;
  diff: ReviewDiffView;
}) {
  const reviewing = useReviewState(review, (s) => s.reviewing);
  const submitted = useReviewState(review, (s) => s.history.some((h) => h.action === "submit"));
  return (
    <>
      {reviewing && <ReviewQueuePanel review={review} />}
      <IssuesPanel editor={editor} review={review} username={username} />
      <RejectedBoxes editor={editor} review={review} />
      {submitted && <BoxDiffPanel editor={editor} view={diff} />}
    </>
  );
}
