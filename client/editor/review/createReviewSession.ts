import type { Cuboid } from "../../../core/model/Cuboid";
import { setFrame } from "../commands/frames";
import type { Editor } from "../createEditor";
import { createStore, type Store } from "../createStore";
import type { ReviewApi } from "./ReviewApi";
import type { BoxVerdict, IssueAnchor, ReviewIssue, ReviewState, ReviewTask, TaskState } from "./ReviewState";

export interface ReviewSession {
  readonly store: Store<ReviewState>;
  /** The cuboid at the queue's cursor, if it still exists. */
  current(): Cuboid | null;
  /** Moves the cursor (clamped), going to the box's frame and selecting its track. */
  goTo(index: number): void;
  /** Next / previous box in the queue, reviewed or not. */
  step(delta: 1 | -1): void;
  /** Accepts the box at the cursor and moves to the next box without a verdict. */
  acceptBox(): Promise<void>;
  /** Accepts every queued box of the current box's track, then moves on. */
  acceptTrack(): Promise<void>;
  beginReject(): void;
  /** 1-based: digit 3 picks the third error type. */
  pickErrorType(ordinal: number): void;
  setRejectNote(note: string): void;
  commitReject(): Promise<void>;
  cancelDrafts(): void;
  /** Starts pinning an issue on the selected box, its track, or (next click) a point at this frame. */
  beginPin(kind: IssueAnchor["kind"]): void;
  /** The click of a point pin, in the current frame's lidar coordinates. */
  pinAtPoint(pointM: ReviewIssue["pointM"]): void;
  setPinText(text: string): void;
  commitPin(): Promise<void>;
  reply(issueId: string, text: string): Promise<void>;
  setIssueStatus(issueId: string, status: ReviewIssue["status"]): Promise<void>;
  transition(to: TaskState): Promise<void>;
  /** Replaces the queue (cuboid ids in review order), keeping the cursor on the same box when it stays. */
  setQueue(ids: readonly string[]): void;
  setReviewing(on: boolean): void;
}

const initialState = (): ReviewState => ({
  task: null,
  role: null,
  reviewing: false,
  queue: [],
  cursor: 0,
  verdicts: new Map(),
  errorTypes: [],
  rejectDraft: null,
  issues: [],
  pinDraft: null,
  message: null,
});

/** Where an issue's marker goes: the box's centre top, or the clicked point. */
function markerPoint(editor: Editor, anchor: IssueAnchor, frameIndex: number): ReviewIssue["pointM"] | null {
  if (anchor.kind === "point") return anchor.pointM;
  const s = editor.store.get();
  const box =
    anchor.kind === "box"
      ? s.cuboids.get(anchor.cuboidId)
      : [...s.cuboids.values()].find((c) => c.trackId === anchor.trackId && c.frameIndex === frameIndex);
  if (!box) return null;
  return { x: box.centerM.x, y: box.centerM.y, z: box.centerM.z + box.size.heightM / 2 };
}

/**
 * The review engine of one workspace (STYLE.md §17): plain TypeScript over the editor, one store
 * that the panels subscribe to. Verdicts are shown at once and rolled back with the server's
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
  const cuboidAt = (i: number) => {
    const id = store.get().queue[i];
    return id ? (editor.store.get().cuboids.get(id) ?? null) : null;
  };
  const select = (c: Cuboid) => {
    setFrame(editor, c.frameIndex);
    editor.store.update({ selectedTrackId: c.trackId });
  };

  function goTo(index: number): void {
    const { queue } = store.get();
    if (queue.length === 0) return;
    const cursor = Math.max(0, Math.min(queue.length - 1, index));
    store.update({ cursor, rejectDraft: null });
    const c = cuboidAt(cursor);
    if (c) select(c);
  }

  /** The next box after the cursor without a verdict (wrapping), or stay when all are reviewed. */
  function advance(): void {
    const { queue, cursor, verdicts } = store.get();
    for (let k = 1; k <= queue.length; k++) {
      const i = (cursor + k) % queue.length;
      if (!verdicts.has(queue[i]!)) {
        goTo(i);
        return;
      }
    }
    store.update({ message: `All ${queue.length} boxes reviewed` });
  }

  async function record(boxes: Cuboid[], verdict: BoxVerdict["verdict"], errorType?: string, note?: string) {
    const before = store.get().verdicts;
    const optimistic = new Map(before);
    const at = editor.now();
    for (const c of boxes)
      optimistic.set(c.id, {
        cuboidId: c.id,
        trackId: c.trackId,
        frameIndex: c.frameIndex,
        verdict,
        errorType: errorType ?? null,
        note: note ?? null,
        byName: editor.author,
        at,
      });
    store.update({ verdicts: optimistic, message: null });
    try {
      const saved = await api.putVerdicts(
        taskId(),
        boxes.map((c) => ({
          cuboidId: c.id,
          verdict,
          ...(errorType ? { errorType } : {}),
          ...(note ? { note } : {}),
        })),
      );
      store.update((s) => {
        const v = new Map(s.verdicts);
        for (const x of saved) v.set(x.cuboidId, x);
        return { verdicts: v };
      });
    } catch (e) {
      store.update((s) => {
        const v = new Map(s.verdicts);
        for (const c of boxes) {
          const old = before.get(c.id);
          if (old) v.set(c.id, old);
          else v.delete(c.id);
        }
        return { verdicts: v };
      });
      fail(e);
    }
  }

  const session: ReviewSession = {
    store,
    current: () => cuboidAt(store.get().cursor),
    goTo,
    step: (delta) => goTo(store.get().cursor + delta),
    async acceptBox() {
      const c = session.current();
      if (!c) return;
      const saving = record([c], "accepted");
      advance();
      await saving;
    },
    async acceptTrack() {
      const c = session.current();
      if (!c) return;
      const cuboids = editor.store.get().cuboids;
      const boxes = store
        .get()
        .queue.map((id) => cuboids.get(id))
        .filter((x): x is Cuboid => x?.trackId === c.trackId);
      const saving = record(boxes, "accepted");
      advance();
      await saving;
    },
    beginReject() {
      const c = session.current();
      if (c) store.update({ rejectDraft: { cuboidId: c.id, errorType: null, note: "" }, pinDraft: null });
    },
    pickErrorType(ordinal) {
      const { rejectDraft, errorTypes } = store.get();
      const type = errorTypes[ordinal - 1];
      if (rejectDraft && type) store.update({ rejectDraft: { ...rejectDraft, errorType: type.code } });
    },
    setRejectNote(note) {
      const d = store.get().rejectDraft;
      if (d) store.update({ rejectDraft: { ...d, note } });
    },
    async commitReject() {
      const d = store.get().rejectDraft;
      const c = d ? editor.store.get().cuboids.get(d.cuboidId) : null;
      if (!d || !c) return;
      if (!d.errorType) {
        store.update({ message: "Pick a reason (1–9) first" });
        return;
      }
      store.update({ rejectDraft: null });
      const saving = record([c], "rejected", d.errorType, d.note.trim() || undefined);
      advance();
      await saving;
    },
    cancelDrafts: () => store.update({ rejectDraft: null, pinDraft: null }),
    beginPin(kind) {
      const s = editor.store.get();
      const frameIndex = s.frameIndex;
      const box = [...s.cuboids.values()].find(
        (c) => c.trackId === s.selectedTrackId && c.frameIndex === frameIndex,
      );
      if (kind !== "point" && !box) {
        store.update({ message: "Select a box to pin an issue to" });
        return;
      }
      const anchor: IssueAnchor | null =
        kind === "point"
          ? null
          : kind === "box"
            ? { kind: "box", cuboidId: box!.id, trackId: box!.trackId }
            : { kind: "track", trackId: box!.trackId };
      store.update({ pinDraft: { anchor, frameIndex, text: "" }, rejectDraft: null });
    },
    pinAtPoint(pointM) {
      const d = store.get().pinDraft;
      if (d && !d.anchor) store.update({ pinDraft: { ...d, anchor: { kind: "point", pointM } } });
    },
    setPinText(text) {
      const d = store.get().pinDraft;
      if (d) store.update({ pinDraft: { ...d, text } });
    },
    async commitPin() {
      const d = store.get().pinDraft;
      if (!d?.anchor || !d.text.trim()) return;
      const pointM = markerPoint(editor, d.anchor, d.frameIndex);
      if (!pointM) return;
      try {
        const issue = await api.createIssue(taskId(), {
          frameIndex: d.frameIndex,
          anchor: d.anchor,
          pointM,
          text: d.text.trim(),
        });
        store.update((s) => ({ issues: [...s.issues, issue], pinDraft: null, message: null }));
      } catch (e) {
        fail(e);
      }
    },
    async reply(issueId, text) {
      try {
        replaceIssue(await api.replyToIssue(taskId(), issueId, text));
      } catch (e) {
        fail(e);
      }
    },
    async setIssueStatus(issueId, status) {
      try {
        replaceIssue(await api.setIssueStatus(taskId(), issueId, status));
      } catch (e) {
        fail(e);
      }
    },
    async transition(to) {
      try {
        const task: ReviewTask = await api.transition(taskId(), to);
        store.update({ task, message: null });
      } catch (e) {
        fail(e);
      }
    },
    setQueue(ids) {
      const { queue, cursor } = store.get();
      const at = queue[cursor];
      const kept = at ? ids.indexOf(at) : -1;
      store.update({ queue: ids, cursor: kept >= 0 ? kept : 0 });
    },
    setReviewing(on) {
      store.update({ reviewing: on, rejectDraft: null, pinDraft: null });
      if (on) goTo(store.get().cursor);
    },
  };
  const replaceIssue = (issue: ReviewIssue) =>
    store.update((s) => ({ issues: s.issues.map((i) => (i.id === issue.id ? issue : i)), message: null }));
  return session;
}
