import { useState } from "react";
import type { TaskAction } from "../../../core/review/TaskState";
import { useReviewState } from "../../app/useReviewState";
import type { ReviewSession } from "../../editor/review/createReviewSession";
import { TaskHistory } from "./TaskHistory";

export const ACTION_LABEL: Record<TaskAction, string> = {
  start: "Start labeling",
  submit: "Submit for review",
  withdraw: "Withdraw submission",
  "start-review": "Start review",
  accept: "Accept task",
  reject: "Reject task",
  "start-rework": "Start rework",
  reopen: "Reopen",
};

/**
 * The task this workspace is opened on: its state, the moves the caller may make now (the server's
 * `actions`), reviewer mode for the task's reviewer, and the history of moves with names.
 */
export function TaskBar({ review, username }: { review: ReviewSession; username: string }) {
  const task = useReviewState(review, (s) => s.task);
  const reviewing = useReviewState(review, (s) => s.reviewing);
  const history = useReviewState(review, (s) => s.history);
  const [historyOpen, setHistoryOpen] = useState(false);
  if (!task) return null;
  const isReviewer = task.reviewerName === username || task.actions.includes("accept");
  return (
    <div className="task-bar" data-testid="task-bar">
      <span className="muted">{task.name}</span>
      <span className={`task-state state-${task.state}`} data-testid="task-state" data-state={task.state}>
        {task.state}
      </span>
      {task.actions.map((a) => (
        <button
          key={a}
          type="button"
          data-testid={`task-action-${a}`}
          onClick={(e) => {
            e.currentTarget.blur();
            void review.transition(a);
          }}
        >
          {ACTION_LABEL[a]}
        </button>
      ))}
      {isReviewer && (
        <button
          type="button"
          data-testid="review-mode"
          aria-pressed={reviewing}
          onClick={(e) => {
            e.currentTarget.blur();
            review.setReviewing(!reviewing);
          }}
          title="Reviewer mode: the queue and the review keys (Y accept, B reject, K next)"
        >
          {reviewing ? "Leave review" : "Review"}
        </button>
      )}
      <button
        type="button"
        className="link-button"
        data-testid="task-history-toggle"
        aria-pressed={historyOpen}
        onClick={() => setHistoryOpen((o) => !o)}
      >
        history
      </button>
      {historyOpen && <TaskHistory history={history} />}
    </div>
  );
}
