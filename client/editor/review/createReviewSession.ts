import type { Cuboid } from "../../../core/model/Cuboid";
import type { BoxVerdict, VerdictInput } from "../../../core/review/BoxVerdict";
import type { IssueAction, IssueAnchor, ReviewIssue } from "../../../core/review/ReviewIssue";
import type { QueueItem } from "../../../core/review/orderReviewQueue";
import { keepReviewedOrder } from "./keepReviewedOrder";
import type { TaskAction } from "../../../core/review/TaskState";
import { t } from "../../i18n/i18n";
import { setFrame } from "../commands/frames";
import type { Editor } from "../createEditor";
import { createStore, type Store } from "../createStore";
import type { ReviewApi } from "./ReviewApi";
import type { ReviewState } from "./ReviewState";
import { verdictIndex } from "./verdictIndex";

export interface ReviewSession {
  readonly store: Store<ReviewState>;
  /** The queue item at the cursor. */
  current(): QueueItem | null;
  /** Moves the cursor (clamped), going to the box's frame and selecting its track. */
  goTo(index: number): void;
  /** Next / previous box in the queue, reviewed or not. */
  step(delta: 1 | -1): void;
  /** Accepts the box at the cursor and moves to the next box without a verdict. */
  acceptBox(): Promise<void>;
  /** Accepts the current box's whole track (one verdict), then moves on. */
  acceptTrack(): Promise<void>;
  beginReject(): void;
  /** 1-based: digit 3 picks the third error type. */
  pickReason(ordinal: number): void;
  setRejectNote(note: string): void;
  commitReject(): Promise<void>;
  cancelDrafts(): void;
  /** Starts pinning an issue on the selected box, its track, or (next click) a point at this frame. */
  beginPin(kind: IssueAnchor["kind"]): void;
  /** The click of a point pin, in the current frame's lidar coordinates. */
  pinAtPoint(pointM: { x: number; y: number; z: number }): void;
  setPinBody(body: string): void;
  commitPin(): Promise<void>;
  reply(issueId: string, body: string): Promise<void>;
  changeIssue(issueId: string, action: IssueAction): Promise<void>;
  transition(action: TaskAction): Promise<void>;
  /**
   * Replaces the queue, keeping the cursor on the same box when it stays and the boxes the
   * reviewer has walked past in the order they saw them (keepReviewedOrder).
   */
  setQueue(items: readonly QueueItem[]): void;
  setReviewing(on: boolean): void;
  /** Stops following the editor's selection. */
  dispose(): void;
}

const initialState = (): ReviewState => ({
  task: null,
  history: [],
  reviewing: false,
  queue: [],
  cursor: 0,
  verdicts: [],
  errorTypes: [],
  rejectDraft: null,
  issues: [],
  pinDraft: null,
  message: null,
});

/**
 * The review engine of one workspace (STYLE.md §17): plain TypeScript over the editor, one store
 * that the panels subscribe to. Verdicts show at once and are rolled back with the server's
 * message when it refuses them, so a reviewer never waits on the network between two keys.
 */
export function createReviewSession(
  editor: Editor,
  api: ReviewApi,
  initial: Partial<ReviewState> = {},
): ReviewSession {
  const store = createStore<ReviewState>({ ...initialState(), ...initial });
  const taskId = () => store.get().task?.id ?? "";
  const fail = (e: unknown) => store.update({ message: (e as Error).message });
  let localIds = 0;
  // How many of the queue's first boxes the reviewer has walked (up to the furthest cursor).
  let walked = 0;
  const trackWalked = store.subscribe((s) => {
    if (s.reviewing && s.queue.length > 0) walked = Math.max(walked, Math.min(s.cursor + 1, s.queue.length));
  });

  function goTo(index: number): void {
    const { queue } = store.get();
    if (queue.length === 0) return;
    const cursor = Math.max(0, Math.min(queue.length - 1, index));
    const item = queue[cursor];
    if (!item) return;
    store.update({ cursor, rejectDraft: null });
    setFrame(editor, item.frameIndex);
    editor.store.update({ selectedTrackId: item.trackId });
  }

  /** The next box after the cursor without a verdict (wrapping); says so when every box has one. */
  function advance(): void {
    const { queue, cursor, verdicts } = store.get();
    const verdictOf = verdictIndex(verdicts);
    for (let k = 1; k <= queue.length; k++) {
      const i = (cursor + k) % queue.length;
      const item = queue[i];
      if (item && !verdictOf(item)) {
        goTo(i);
        return;
      }
    }
    store.update({ message: t("review.allReviewed", { count: queue.length }) });
  }

  async function record(input: VerdictInput, item: QueueItem): Promise<void> {
    const local: BoxVerdict = {
      id: `local-${++localIds}`,
      taskId: taskId(),
      target:
        input.target.kind === "box"
          ? { kind: "box", cuboidId: item.cuboidId, trackId: item.trackId, frameIndex: item.frameIndex }
          : { kind: "track", trackId: item.trackId },
      verdict: input.verdict,
      reasonCode: input.reasonCode ?? null,
      note: input.note ?? null,
      reviewerId: null,
      reviewerName: editor.author,
      revision: -1,
      createdAt: editor.now(),
    };
    store.update((s) => ({ verdicts: [...s.verdicts, local], message: null }));
    const without = (list: readonly BoxVerdict[]) => list.filter((v) => v !== local);
    try {
      const saved = await api.postVerdicts(taskId(), [input]);
      store.update((s) => ({ verdicts: [...without(s.verdicts), ...saved] }));
    } catch (e) {
      store.update((s) => ({ verdicts: without(s.verdicts) }));
      fail(e);
    }
  }

  const replaceIssue = (issue: ReviewIssue) =>
    store.update((s) => ({ issues: s.issues.map((i) => (i.id === issue.id ? issue : i)), message: null }));
  const selectedBox = (): Cuboid | null => {
    const s = editor.store.get();
    return (
      [...s.cuboids.values()].find((c) => c.trackId === s.selectedTrackId && c.frameIndex === s.frameIndex) ??
      null
    );
  };

  // While reviewing, the cursor follows the selection (a click in the view, a list, the timeline),
  // so the review keys always judge the box the reviewer is looking at.
  const unfollow = editor.store.subscribe((s, p) => {
    if (s.selectedTrackId === p.selectedTrackId && s.frameIndex === p.frameIndex) return;
    const r = store.get();
    if (
      !r.reviewing ||
      (r.queue[r.cursor]?.trackId === s.selectedTrackId && r.queue[r.cursor]?.frameIndex === s.frameIndex)
    )
      return;
    const i = r.queue.findIndex((q) => q.trackId === s.selectedTrackId && q.frameIndex === s.frameIndex);
    if (i >= 0) store.update({ cursor: i, rejectDraft: null });
  });

  const session: ReviewSession = {
    store,
    current: () => store.get().queue[store.get().cursor] ?? null,
    goTo,
    step: (delta) => goTo(store.get().cursor + delta),
    async acceptBox() {
      const item = session.current();
      if (!item) return;
      const saving = record({ target: { kind: "box", cuboidId: item.cuboidId }, verdict: "accepted" }, item);
      advance();
      await saving;
    },
    async acceptTrack() {
      const item = session.current();
      if (!item) return;
      const saving = record({ target: { kind: "track", trackId: item.trackId }, verdict: "accepted" }, item);
      advance();
      await saving;
    },
    beginReject() {
      const item = session.current();
      if (item)
        store.update({
          rejectDraft: { cuboidId: item.cuboidId, reasonCode: null, note: "" },
          pinDraft: null,
        });
    },
    pickReason(ordinal) {
      const { rejectDraft, errorTypes } = store.get();
      const type = errorTypes[ordinal - 1];
      if (rejectDraft && type) store.update({ rejectDraft: { ...rejectDraft, reasonCode: type.code } });
    },
    setRejectNote(note) {
      const d = store.get().rejectDraft;
      if (d) store.update({ rejectDraft: { ...d, note } });
    },
    async commitReject() {
      const d = store.get().rejectDraft;
      const item = store.get().queue.find((q) => q.cuboidId === d?.cuboidId);
      if (!d || !item) return;
      if (!d.reasonCode) {
        store.update({ message: t("review.pickReasonFirst") });
        return;
      }
      store.update({ rejectDraft: null });
      const note = d.note.trim();
      const saving = record(
        {
          target: { kind: "box", cuboidId: item.cuboidId },
          verdict: "rejected",
          reasonCode: d.reasonCode,
          ...(note ? { note } : {}),
        },
        item,
      );
      advance();
      await saving;
    },
    cancelDrafts: () => store.update({ rejectDraft: null, pinDraft: null }),
    beginPin(kind) {
      const frameIndex = editor.store.get().frameIndex;
      const box = selectedBox();
      let anchor: IssueAnchor | null = null;
      if (kind !== "point") {
        if (!box) {
          store.update({ message: t("review.selectBoxToPin") });
          return;
        }
        anchor =
          kind === "box"
            ? { kind: "box", cuboidId: box.id }
            : { kind: "track", trackId: box.trackId, frameIndex };
      }
      store.update({ pinDraft: { anchor, frameIndex, body: "" }, rejectDraft: null });
    },
    pinAtPoint(pointM) {
      const d = store.get().pinDraft;
      if (d && !d.anchor)
        store.update({ pinDraft: { ...d, anchor: { kind: "point", pointM, frameIndex: d.frameIndex } } });
    },
    setPinBody(body) {
      const d = store.get().pinDraft;
      if (d) store.update({ pinDraft: { ...d, body } });
    },
    async commitPin() {
      const d = store.get().pinDraft;
      if (!d?.anchor || !d.body.trim()) return;
      try {
        const issue = await api.createIssue(taskId(), { anchor: d.anchor, body: d.body.trim() });
        store.update((s) => ({ issues: [...s.issues, issue], pinDraft: null, message: null }));
      } catch (e) {
        fail(e);
      }
    },
    async reply(issueId, body) {
      try {
        replaceIssue(await api.replyToIssue(taskId(), issueId, body));
      } catch (e) {
        fail(e);
      }
    },
    async changeIssue(issueId, action) {
      try {
        replaceIssue(await api.changeIssue(taskId(), issueId, action));
      } catch (e) {
        fail(e);
      }
    },
    async transition(action) {
      try {
        const reply = await api.transition(taskId(), action);
        const task = await api.task(taskId());
        store.update((s) => ({ task, history: [...s.history, reply.transition], message: null }));
      } catch (e) {
        fail(e);
      }
    },
    setQueue(items) {
      const { queue, cursor } = store.get();
      const merged = keepReviewedOrder(queue, walked, cursor, items);
      walked = merged.walked;
      store.update({ queue: merged.queue, cursor: merged.cursor });
    },
    setReviewing(on) {
      store.update({ reviewing: on, rejectDraft: null, pinDraft: null });
      if (on) goTo(store.get().cursor);
    },
    dispose() {
      unfollow();
      trackWalked();
    },
  };
  return session;
}
