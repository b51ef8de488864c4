import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { IssueAction, ReviewIssue } from "../../../core/review/ReviewIssue";
import { useReviewState } from "../../app/useReviewState";
import { setFrame } from "../../editor/commands/frames";
import type { Editor } from "../../editor/createEditor";
import type { ReviewSession } from "../../editor/review/createReviewSession";
import { trackLabel } from "../../i18n/trackLabel";

const OPEN = new Set<ReviewIssue["status"]>(["open", "reopened"]);

/** Goes to the issue's frame and selects its box or track. */
function goTo(editor: Editor, issue: ReviewIssue): void {
  setFrame(editor, issue.frameIndex);
  if (issue.trackId) editor.store.update({ selectedTrackId: issue.trackId });
}

/**
 * The task's pinned issues: for the labeler a to-do list (open first) to fix and resolve, for the
 * reviewer to verify or reopen; each with its thread of replies.
 */
export function IssuesPanel({
  editor,
  review,
  username,
}: {
  editor: Editor;
  review: ReviewSession;
  username: string;
}) {
  const { t } = useTranslation();
  const issues = useReviewState(review, (s) => s.issues);
  const task = useReviewState(review, (s) => s.task);
  if (!task || issues.length === 0) return null;
  const isLabeler = task.labelerName === username;
  const isReviewer = task.reviewerName === username;
  const sorted = [...issues].sort((a, b) => Number(OPEN.has(b.status)) - Number(OPEN.has(a.status)));
  const open = issues.filter((i) => OPEN.has(i.status)).length;
  const allowed = (i: ReviewIssue): IssueAction[] => [
    ...(isLabeler && OPEN.has(i.status) ? (["resolve"] as const) : []),
    ...(isReviewer && i.status === "resolved" ? (["verify"] as const) : []),
    ...(isReviewer && (i.status === "resolved" || i.status === "verified") ? (["reopen"] as const) : []),
  ];
  return (
    <section className="issues-panel" data-testid="issues-panel">
      <header>
        <strong>{isLabeler ? t("review.todo") : t("review.issues")}</strong>{" "}
        <span data-testid="issues-open">{t("review.openCount", { count: open })}</span>
      </header>
      <ul>
        {sorted.map((i) => (
          <li
            key={i.id}
            data-testid="issue"
            data-id={i.id}
            data-status={i.status}
            className={`issue-${i.status}`}
          >
            <button type="button" className="issue-go" data-testid="issue-go" onClick={() => goTo(editor, i)}>
              <span className="issue-pin">◆</span>{" "}
              {t("review.issueWhere", {
                status: t(`review.issueStatus.${i.status}`),
                frame: i.frameIndex + 1,
              })}
              {i.trackId && t("review.issueTrack", { track: trackLabel(i.trackId) })}
            </button>
            <p>
              <strong>{i.authorName}</strong>: {i.body}
            </p>
            {i.replies.map((r) => (
              <p key={r.id} className="issue-reply">
                <strong>{r.authorName}</strong>
                {r.action ? ` (${t(`review.issueAction.${r.action}`)})` : ""}
                {r.body ? `: ${r.body}` : ""}
              </p>
            ))}
            <IssueActions review={review} issue={i} actions={allowed(i)} />
          </li>
        ))}
      </ul>
    </section>
  );
}

function IssueActions({
  review,
  issue,
  actions,
}: {
  review: ReviewSession;
  issue: ReviewIssue;
  actions: IssueAction[];
}) {
  const { t } = useTranslation();
  const [text, setText] = useState("");
  return (
    <form
      className="issue-actions"
      onSubmit={(e) => {
        e.preventDefault();
        if (!text.trim()) return;
        void review.reply(issue.id, text.trim());
        setText("");
      }}
    >
      <input
        data-testid="issue-reply-input"
        placeholder={t("review.replyPlaceholder")}
        value={text}
        onChange={(e) => setText(e.target.value)}
      />
      {actions.map((a) => (
        <button
          key={a}
          type="button"
          data-testid={`issue-${a}`}
          onClick={() => void review.changeIssue(issue.id, a)}
        >
          {t(`review.issueAction.${a}`)}
        </button>
      ))}
    </form>
  );
}
