import type { TaskDetailJson } from "../../core/api/review";
import { orderReviewQueue } from "../../core/review/orderReviewQueue";
import { sampleFrames } from "../../core/review/sampleFrames";
import { labelerMayEdit, reviewerMayEdit } from "../../core/review/TaskState";
import type { Editor } from "../editor/createEditor";
import { createReviewSession, type ReviewSession } from "../editor/review/createReviewSession";
import type { ReviewApi } from "../editor/review/ReviewApi";
import type { ReviewState } from "../editor/review/ReviewState";
import { taskStateLabel } from "../i18n/codeLabels";
import { t } from "../i18n/i18n";
import type { QaState } from "./createQaFindings";
import { createSlice, type Slice } from "./Slice";

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

export interface WorkspaceReview {
  /** The session once the task has loaded; the load's error otherwise. */
  session: ReviewSession | null;
  error: string | null;
}

/**
 * The workspace's review session when it is opened on a task (`?task=`): loads the task, its
 * history, verdicts, issues and error types; keeps the queue in core's order as boxes and QA
 * findings change; mirrors the server's edit lock into the editor.
 */
export function createWorkspaceReview(
  editor: Editor,
  opts: {
    taskId: string;
    username: string;
    qa: Slice<QaState>;
    fetchStart(taskId: string): Promise<Partial<ReviewState>>;
    api: ReviewApi;
  },
): { slice: Slice<WorkspaceReview>; dispose(): void } {
  const slice = createSlice<WorkspaceReview>({ session: null, error: null });
  let disposed = false;
  const offs: Array<() => void> = [];

  const follow = (session: ReviewSession) => {
    // The edit lock follows the task's state.
    const applyLock = () => {
      const task = session.store.get().task;
      editor.store.update({ editLock: task ? editLockFor(task, opts.username) : null });
    };
    const rebuildQueue = () => {
      const task = session.store.get().task;
      if (!task) return;
      const s = editor.store.get();
      const frames = reviewFrames(task, s.frameCount);
      session.setQueue(orderReviewQueue([...s.cuboids.values()], opts.qa.getSnapshot().findings, frames));
    };
    applyLock();
    rebuildQueue();
    offs.push(
      session.store.subscribe((s, p) => {
        if (s.task === p.task) return;
        applyLock();
        rebuildQueue();
      }),
      editor.store.subscribe((s, p) => {
        if (s.cuboids !== p.cuboids) rebuildQueue();
      }),
    );
    let findings = opts.qa.getSnapshot().findings;
    offs.push(
      opts.qa.subscribe(() => {
        const next = opts.qa.getSnapshot().findings;
        if (next === findings) return;
        findings = next;
        rebuildQueue();
      }),
    );
  };

  opts.fetchStart(opts.taskId).then(
    (start) => {
      if (disposed) return;
      const session = createReviewSession(editor, opts.api, start);
      editor.review = session;
      offs.push(() => {
        session.dispose();
        editor.review = null;
      });
      follow(session);
      slice.set({ session, error: null });
    },
    (e: Error) => {
      if (!disposed) slice.set({ session: null, error: e.message });
    },
  );
  return {
    slice,
    dispose() {
      disposed = true;
      for (const off of offs.splice(0).reverse()) off();
    },
  };
}
