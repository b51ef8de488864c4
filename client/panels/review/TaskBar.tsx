import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useReviewState } from "../../app/useReviewState";
import { t } from "../../i18n/i18n";
import { taskStateLabel } from "../../i18n/codeLabels";
import type { ReviewSession } from "../../editor/review/createReviewSession";
import { actionLabel } from "./actionLabel";
import { TaskHistory } from "./TaskHistory";

/**
 * The task this workspace is opened on: its state, the moves the caller may make now (the server's
 * `actions`), reviewer mode for the task's reviewer, and the history of moves with names.
 */
export function TaskBar({ review, username }: { review: ReviewSession; username: string }) {
  const task = useReviewState(review, (s) => s.task);
  const reviewing = useReviewState(review, (s) => s.reviewing);
  const history = useReviewState(review, (s) => s.history);
  const [historyOpen, setHistoryOpen] = useState(false);
  useTranslation();
  if (!task) return null;
  const isReviewer = task.reviewerName === username || task.actions.includes("accept");
  return (
    <div className="task-bar" data-testid="task-bar">
      <span className="muted">{task.name}</span>
      <span className={`task-state state-${task.state}`} data-testid="task-state" data-state={task.state}>
        {taskStateLabel(task.state)}
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
          {actionLabel(a)}
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
          title={t("review.modeTitle")}
        >
          {reviewing ? t("review.leaveMode") : t("review.mode")}
        </button>
      )}
      <button
        type="button"
        className="link-button"
        data-testid="task-history-toggle"
        aria-pressed={historyOpen}
        onClick={() => setHistoryOpen((o) => !o)}
      >
        {t("review.history")}
      </button>
      {historyOpen && <TaskHistory history={history} />}
    </div>
  );
}
