import { useSyncExternalStore } from "react";
import type { ReviewSession } from "../editor/review/createReviewSession";
import type { ReviewState } from "../editor/review/ReviewState";

/** Subscribes a component to one slice of the review session's state (as useEditorState). */
export function useReviewState<T>(review: ReviewSession, select: (s: ReviewState) => T): T {
  return useSyncExternalStore(
    (l) => review.store.subscribe(l),
    () => select(review.store.get()),
  );
}
