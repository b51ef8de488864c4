import { afterEach, describe, expect, it, vi } from "vitest";
import type { SequenceDetail } from "../../core/api/sequenceDetail";
import type { FrameLoader, LoadedPoints } from "../app/frameLoader";
import type { ReviewIssue } from "../../core/review/ReviewIssue";
import { createCuboid } from "../editor/commands/createCuboid";
import { updateCuboid } from "../editor/commands/editCuboids";
import type { ReviewApi } from "../editor/review/ReviewApi";
import type { ReviewState } from "../editor/review/ReviewState";
import { stepFrame } from "../editor/commands/frames";
import { undo } from "../editor/commands/undoRedo";
import { selectedCuboid } from "../editor/selectors";
import { createMemoryOutbox } from "../editor/sync/Outbox";
import { makeFrames } from "../editor/test/makeFrames";
import { createWorkspace, type WorkspaceDeps } from "./createWorkspace";
import type { WorkspaceLocation } from "./createUrlSync";
import { PLAYBACK_INTERVAL_MS } from "./createPlayback";

const FRAMES = 6;
const frames = makeFrames(FRAMES);
const detail: SequenceDetail = {
  id: "seq 1",
  name: "test",
  createdAt: "2026-01-01T00:00:00.000Z",
  lidarName: "lidar",
  cameras: [],
  classes: [],
  frames,
  egoPoses: { state: "recorded", note: null },
};
const pointsOf = (url: string): LoadedPoints => ({
  pointCount: 1,
  displayCount: 1,
  positions: new Float32Array([0, 0, Number(url.slice(-1))]),
  originM: { x: 0, y: 0, z: 0 },
});
/** Settles pending promise callbacks (the loader's start and loads resolve as microtasks). */
const settle = async () => {
  for (let i = 0; i < 5; i++) await Promise.resolve();
};

/** A workspace on fake dependencies: an address bar, a loader, a fit service, a server that accepts every batch. */
function fakeWorkspace(overrides: Partial<WorkspaceDeps> = {}) {
  let href = "/sequences/seq%201?frame=0";
  const urlListeners = new Set<() => void>();
  const location: WorkspaceLocation & { go(next: string): void } = {
    href: () => href,
    replace: vi.fn((next: string) => {
      href = next;
    }),
    subscribe(l) {
      urlListeners.add(l);
      return () => urlListeners.delete(l);
    },
    go(next) {
      href = next;
      for (const l of urlListeners) l();
    },
  };
  const loader = {
    load: vi.fn(async (url: string) => pointsOf(url)),
    prefetch: vi.fn(),
    dispose: vi.fn(),
  } satisfies FrameLoader;
  const fit = { refit: vi.fn(async (box) => ({ box, moved: false })), dispose: vi.fn() };
  const trackIds = { take: () => undefined, dispose: vi.fn() };
  const fetch = vi.fn(async () => new Response(JSON.stringify({ revision: 1 }), { status: 200 }));
  const events = new EventTarget();
  const workspace = createWorkspace({
    sequenceId: "seq 1",
    taskId: null,
    username: "ann",
    detail,
    snapshot: { revision: 0, tracks: [], cuboids: [] },
    frameIndex: 0,
    location,
    createLoader: async () => loader,
    blobUrl: (hash) => `/api/blobs/${hash}`,
    trackIds,
    outbox: createMemoryOutbox(),
    fetch,
    createFit: () => fit,
    events,
    ...overrides,
  });
  return { workspace, location, loader, fit, trackIds, fetch, events };
}

afterEach(() => {
  vi.useRealTimers();
});

describe("createWorkspace", () => {
  it("writes the URL exactly once per frame step, and follows Back/Forward without writing it", async () => {
    const { workspace, location } = fakeWorkspace();
    const frameListener = vi.fn();
    workspace.frame.subscribe(frameListener);
    stepFrame(workspace.editor, 1);
    expect(location.replace).toHaveBeenCalledTimes(1);
    expect(location.replace).toHaveBeenLastCalledWith("/sequences/seq%201?frame=1");
    expect(frameListener).toHaveBeenCalledTimes(1);
    expect(workspace.frame.getSnapshot()).toBe(1);

    // Back to frame 3 (the browser already shows that URL): the editor follows, the URL is left alone.
    location.go("/sequences/seq%201?frame=3");
    expect(workspace.editor.store.get().frameIndex).toBe(3);
    expect(location.replace).toHaveBeenCalledTimes(1);
    // Another sequence's URL is not ours to follow (App replaces the workspace).
    location.go("/sequences/other?frame=5");
    expect(workspace.editor.store.get().frameIndex).toBe(3);
    // A change that is not a frame step (selection) writes nothing.
    workspace.editor.store.update({ selectedTrackId: "t1" });
    expect(location.replace).toHaveBeenCalledTimes(1);
    workspace.dispose();
  });

  it("loads the frame stepped to, prefetches its neighbours and publishes its points once", async () => {
    const { workspace, loader } = fakeWorkspace();
    await settle();
    expect(workspace.points.getSnapshot().frameIndex).toBe(0);
    const pointsListener = vi.fn();
    workspace.points.subscribe(pointsListener);
    stepFrame(workspace.editor, 1);
    await settle();
    expect(loader.load).toHaveBeenLastCalledWith("/api/blobs/blob1", expect.anything());
    expect(loader.prefetch).toHaveBeenLastCalledWith([
      "/api/blobs/blob2",
      "/api/blobs/blob0",
      "/api/blobs/blob3",
    ]);
    expect(pointsListener).toHaveBeenCalledTimes(1);
    expect(workspace.points.getSnapshot().frameIndex).toBe(1);
    // The viewer's report becomes the drawn slice; a report for points already replaced is dropped.
    const shown = workspace.points.getSnapshot().points;
    if (!shown) throw new Error("frame 1's points were not published");
    workspace.reportDrawn(1, shown);
    workspace.reportDrawn(1, pointsOf("blob0"));
    expect(workspace.drawn.getSnapshot()).toEqual({
      frameIndex: 1,
      drawnCount: 1,
      pointCount: 1,
      displayCount: 1,
    });
    workspace.dispose();
  });

  it("dispose stops playback, QA and autosave timers, the loader, fitting and the shortcuts", async () => {
    vi.useFakeTimers();
    const { workspace, loader, fit, trackIds, fetch, events, location } = fakeWorkspace();
    await settle();
    const { editor } = workspace;
    createCuboid(editor, {
      centerM: { x: 0, y: 0, z: 0 },
      size: { lengthM: 4, widthM: 2, heightM: 1.5 },
      yawRad: 0,
    });
    editor.store.update({ playing: true });
    vi.advanceTimersByTime(PLAYBACK_INTERVAL_MS);
    expect(editor.store.get().frameIndex).toBe(1);
    expect(location.replace).toHaveBeenCalledTimes(1);
    expect(vi.getTimerCount()).toBeGreaterThanOrEqual(2); // playback, autosave debounce, QA debounce

    workspace.dispose();
    expect(vi.getTimerCount()).toBe(0);
    expect(loader.dispose).toHaveBeenCalledTimes(1);
    expect(fit.dispose).toHaveBeenCalledTimes(1);
    expect(editor.fit).toBeNull();
    expect(trackIds.dispose).toHaveBeenCalledTimes(1);
    // The unsaved box went out in the final flush.
    expect(fetch).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(10 * PLAYBACK_INTERVAL_MS);
    expect(editor.store.get().frameIndex).toBe(1);
    events.dispatchEvent(Object.assign(new Event("keydown"), { key: "ArrowRight", code: "ArrowRight" }));
    expect(editor.store.get().frameIndex).toBe(1);
  });

  it("disposes of a loader that starts after the workspace was disposed", async () => {
    let start: (l: FrameLoader) => void = () => {};
    const late = { load: vi.fn(), prefetch: vi.fn(), dispose: vi.fn() };
    const { workspace } = fakeWorkspace({ createLoader: () => new Promise((r) => (start = r)) });
    workspace.dispose();
    start(late);
    await settle();
    expect(late.dispose).toHaveBeenCalledTimes(1);
    expect(late.load).not.toHaveBeenCalled();
  });

  it("routes window key presses to the shortcuts until disposed", () => {
    const { workspace, events, location } = fakeWorkspace();
    events.dispatchEvent(Object.assign(new Event("keydown"), { key: "ArrowRight", code: "ArrowRight" }));
    expect(workspace.editor.store.get().frameIndex).toBe(1);
    expect(location.replace).toHaveBeenCalledTimes(1);
    workspace.dispose();
  });
});

describe("the workspace's issue markers", () => {
  const box = { centerM: { x: 4, y: 2, z: -1 }, size: { lengthM: 4, widthM: 2, heightM: 1.5 }, yawRad: 0 };

  it("stay one empty array without a task, so an edit notifies no view", () => {
    const { workspace } = fakeWorkspace();
    const listener = vi.fn();
    workspace.issueMarkers.subscribe(listener);
    const c = createCuboid(workspace.editor, box);
    updateCuboid(workspace.editor, c.id, { centerM: { x: 5, y: 2, z: -1 } });
    expect(listener).not.toHaveBeenCalled();
    expect(workspace.issueMarkers.getSnapshot()).toEqual([]);
    workspace.dispose();
  });

  it("put a box pin on top of its box and follow the box when it is fixed", async () => {
    let start: (s: Partial<ReviewState>) => void = () => {};
    const unused = () => Promise.reject(new Error("not used by this test"));
    const api: ReviewApi = {
      postVerdicts: unused,
      createIssue: unused,
      replyToIssue: unused,
      changeIssue: unused,
      transition: unused,
      task: unused,
    };
    const { workspace } = fakeWorkspace({
      taskId: "task1",
      review: { fetchStart: () => new Promise((r) => (start = r)), api },
    });
    const c = createCuboid(workspace.editor, box);
    const issue: ReviewIssue = {
      id: "i1",
      taskId: "task1",
      sequenceId: "seq 1",
      anchor: { kind: "box", cuboidId: c.id },
      frameIndex: 0,
      trackId: c.trackId,
      status: "open",
      reasonCode: null,
      body: "too short",
      authorId: "u2",
      authorName: "rev",
      createdAt: "t",
      updatedAt: "t",
      replies: [],
    };
    start({ issues: [issue] });
    await settle();
    expect(workspace.review.getSnapshot().session).not.toBeNull();
    expect(workspace.issueMarkers.getSnapshot()).toEqual([
      { id: "i1", frameIndex: 0, pointM: { x: 4, y: 2, z: -0.25 }, open: true },
    ]);
    updateCuboid(workspace.editor, c.id, { centerM: { x: 6, y: 2, z: -1 } });
    expect(workspace.issueMarkers.getSnapshot()[0]?.pointM).toEqual({ x: 6, y: 2, z: -0.25 });
    workspace.dispose();
    expect(workspace.editor.review).toBeNull();
  });
});

describe("the workspace's tool machine: box-view drags", () => {
  const box = { centerM: { x: 0, y: 10, z: -1 }, size: { lengthM: 4, widthM: 2, heightM: 1.5 }, yawRad: 0 };
  const widthEdge = { kind: "edge", axis: "v", sign: 1 } as const;

  it("drags a handle as one undo step: start, move, release", () => {
    const { workspace } = fakeWorkspace();
    const { editor, tools } = workspace;
    createCuboid(editor, box);
    const changes = vi.fn();
    tools.subscribe(changes);
    tools.boxViewDown("top", widthEdge, { u: 0, v: 1 });
    expect(tools.state).toBe("boxView.dragging");
    expect(tools.boxViewDragStart?.size.widthM).toBe(2);
    tools.boxViewMove({ u: 0, v: 1.5 });
    tools.boxViewMove({ u: 0, v: 2 });
    expect(selectedCuboid(editor.store.get())?.size.widthM).toBeCloseTo(3, 12);
    // The BEV's events do nothing while a box-view drag runs.
    tools.pointerDown({ xM: 50, yM: 50, button: 0, shiftKey: false, altKey: false });
    expect(tools.state).toBe("boxView.dragging");
    tools.boxViewUp();
    expect(tools.state).toBe("select.idle");
    expect(tools.boxViewDragStart).toBeNull();
    expect(changes).toHaveBeenCalledTimes(2);
    undo(editor);
    expect(selectedCuboid(editor.store.get())?.size.widthM).toBe(2);
    workspace.dispose();
  });

  it("rolls a drag back on pointercancel, and the next drag starts from the restored box", () => {
    const { workspace } = fakeWorkspace();
    const { editor, tools } = workspace;
    createCuboid(editor, box);
    tools.boxViewDown("top", widthEdge, { u: 0, v: 1 });
    tools.boxViewMove({ u: 0, v: 0.4 });
    expect(selectedCuboid(editor.store.get())?.size.widthM).toBeCloseTo(1.4, 12);
    // The browser took the pointer away: the view reports pointercancel as cancel.
    expect(tools.cancel()).toBe(true);
    expect(tools.state).toBe("select.idle");
    expect(selectedCuboid(editor.store.get())?.size).toEqual(box.size);
    // Moves and the release after the cancel are not taken as a drag.
    tools.boxViewMove({ u: 0, v: 0 });
    tools.boxViewUp();
    expect(selectedCuboid(editor.store.get())?.size).toEqual(box.size);
    expect(tools.cancel()).toBe(false);
    // A fresh drag works from the box as it is now.
    tools.boxViewDown("top", widthEdge, { u: 0, v: 1 });
    tools.boxViewMove({ u: 0, v: 1.25 });
    tools.boxViewUp();
    expect(selectedCuboid(editor.store.get())?.size.widthM).toBeCloseTo(2.25, 12);
    workspace.dispose();
  });

  it("starts no drag without a selected box, and returns to the create tool's rest after one", () => {
    const { workspace } = fakeWorkspace();
    const { editor, tools } = workspace;
    tools.boxViewDown("side", widthEdge, { u: 0, v: 1 });
    expect(tools.state).toBe("select.idle");
    createCuboid(editor, box);
    editor.store.update({ tool: "create" });
    tools.boxViewDown("side", widthEdge, { u: 0, v: 0.75 });
    expect(tools.state).toBe("boxView.dragging");
    tools.boxViewUp();
    expect(tools.state).toBe("create.idle");
    workspace.dispose();
  });
});
