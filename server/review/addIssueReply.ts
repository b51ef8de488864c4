import type { IssueAction, IssueStatus } from "../../core/review/ReviewIssue";
import type { Principal } from "../auth/Principal";
import type { Database } from "../db/openDatabase";

/**
 * One entry in an issue's thread, in one transaction with the issue's `updated_at` (and its new
 * status when the entry is a move: resolve, reopen…), so a thread never shows a move the issue
 * did not make.
 */
export async function addIssueReply(
  db: Database["db"],
  issueId: string,
  author: Principal,
  entry: { body: string; action: IssueAction | null; status?: IssueStatus },
): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await tx
      .updateTable("review_issues")
      .set({
        updated_at: new Date().toISOString(),
        ...(entry.status === undefined ? {} : { status: entry.status }),
      })
      .where("id", "=", issueId)
      .execute();
    await tx
      .insertInto("review_issue_replies")
      .values({
        id: crypto.randomUUID(),
        issue_id: issueId,
        author_id: author.userId,
        author_name: author.displayName,
        body: entry.body,
        action: entry.action,
      })
      .execute();
  });
}
