import type { Selectable } from "kysely";
import type { IssueAnchor, IssueReply, IssueAction, ReviewIssue } from "../../core/review/ReviewIssue";
import type { Database } from "../db/openDatabase";
import type { ReviewIssueRepliesTable } from "../db/Schema";

type Db = Database["db"];

const replyJson = (r: Selectable<ReviewIssueRepliesTable> & { current_name: string | null }): IssueReply => ({
  id: r.id,
  authorId: r.author_id,
  authorName: r.current_name ?? r.author_name,
  body: r.body,
  action: r.action as IssueAction | null,
  createdAt: r.created_at.toISOString(),
});

/** Issues of a task or of a whole sequence, oldest first, each with its thread. */
export async function listIssues(
  db: Db,
  where: { taskId: string } | { sequenceId: string },
): Promise<ReviewIssue[]> {
  const issues = await db
    .selectFrom("review_issues as i")
    .leftJoin("users as u", "u.id", "i.author_id")
    .selectAll("i")
    .select("u.display_name as current_name")
    .where((eb) =>
      "taskId" in where ? eb("i.task_id", "=", where.taskId) : eb("i.sequence_id", "=", where.sequenceId),
    )
    .orderBy("i.created_at")
    .orderBy("i.id")
    .execute();
  if (issues.length === 0) return [];
  const replies = await db
    .selectFrom("review_issue_replies as r")
    .leftJoin("users as u", "u.id", "r.author_id")
    .selectAll("r")
    .select("u.display_name as current_name")
    .where(
      "r.issue_id",
      "in",
      issues.map((i) => i.id),
    )
    .orderBy("r.created_at")
    .orderBy("r.id")
    .execute();
  return issues.map((i) => ({
    id: i.id,
    taskId: i.task_id,
    sequenceId: i.sequence_id,
    anchor: i.anchor as IssueAnchor,
    frameIndex: i.frame_index,
    trackId: i.track_id,
    status: i.status,
    reasonCode: i.reason_code,
    body: i.body,
    authorId: i.author_id,
    authorName: i.current_name ?? i.author_name,
    createdAt: i.created_at.toISOString(),
    updatedAt: i.updated_at.toISOString(),
    replies: replies.filter((r) => r.issue_id === i.id).map(replyJson),
  }));
}

/** One issue with its thread, or null. */
export async function readIssue(db: Db, taskId: string, issueId: string): Promise<ReviewIssue | null> {
  return (await listIssues(db, { taskId })).find((i) => i.id === issueId) ?? null;
}
