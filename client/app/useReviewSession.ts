import { useEffect, useMemo, useState } from "react";
import type { TaskDetailJson } from "../../core/api/review";
import type { QaFinding } from "../../core/qa/QaFinding";
import { orderReviewQueue } from "../../core/review/orderReviewQueue";
import { sampleFrames } from "../../core/review/sampleFrames";
import { labelerMayEdit, reviewerMayEdit } from "../../core/review/TaskState";
import type { Editor } from "../editor/createEditor";
import { t } from "../i18n/i18n";
import { taskStateLabel } from "../i18n/codeLabels";
import { createReviewSession, type ReviewSession } from "../editor/review/createReviewSession";
import { fetchReviewStart, reviewApi } from "./reviewApi";

/** Why `username` may not edit the task's boxes in its state (the server refuses them too), or null. */
export function editLockFor(task: TaskDetailJson, username: string): string | null {
  const labeler = task.labelerName === username;
  const reviewer = task.reviewerName === username;
  if (labeler && !reviewer && !labelerMayEdit(task.state))
    return t("review.lockLabeler", { name: task.name, state: taskStateLabel(task.state) });
  if (reviewer && !labeler && !reviewerMayEdit(task.state))
    return t("review.lockReviewer", { name: task.name, state: taskStateLabel(task.state) });
  return null;
}

/** The frames a review looks at: the task's range, sampled as the lead set it. */
export function reviewFrames(task: TaskDetailJson, frameCount: number): Set<number> {
  const start = task.frameStart ?? 0;
  const end = task.frameEnd ?? frameCount - 1;
  return new Set(sampleFrames(start, Math.min(end, frameCount - 1), task.samplePercent));
}

/**
 * The workspace's review session when it is opened on a task (`?task=`): loads the task, its
 * history, verdicts, issues and error types; keeps the queue in core's order as boxes and QA
 * findings change; mirrors the server's edit lock into the editor.
 */
export function useReviewSession(
  editor: Editor,
  taskId: string | null,
  username: string,
  findings: readonly QaFinding[],
): { review: ReviewSession | null; error: string | null } {
  const [review, setReview] = useState<ReviewSession | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!taskId) return;
    let live = true;
    let session: ReviewSession | null = null;
    fetchReviewStart(taskId).then(
      (start) => {
        if (!live) return;
        session = createReviewSession(editor, reviewApi, start);
        editor.review = session;
        setReview(session);
      },
      (e: Error) => live && setError(e.message),
    );
    return () => {
      live = false;
      session?.dispose();
      editor.review = null;
    };
  }, [editor, taskId]);

  // The edit lock follows the task's state.
  useEffect(() => {
    if (!review) return;
    const apply = () => {
      const task = review.store.get().task;
      editor.store.update({ editLock: task ? editLockFor(task, username) : null });
    };
    apply();
    return review.store.subscribe((s, p) => {
      if (s.task !== p.task) apply();
    });
  }, [editor, review, username]);

  const latest = useMemo(() => ({ findings }), [findings]);
  useEffect(() => {
    if (!review) return;
    const rebuild = () => {
      const task = review.store.get().task;
      if (!task) return;
      const s = editor.store.get();
      const frames = reviewFrames(task, s.frameCount);
      review.setQueue(orderReviewQueue([...s.cuboids.values()], latest.findings, frames));
    };
    rebuild();
    const off1 = editor.store.subscribe((s, p) => {
      if (s.cuboids !== p.cuboids) rebuild();
    });
    const off2 = review.store.subscribe((s, p) => {
      if (s.task !== p.task) rebuild();
    });
    return () => {
      off1();
      off2();
    };
  }, [editor, review, latest]);
  return { review, error };
}
