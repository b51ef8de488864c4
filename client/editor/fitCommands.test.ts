import { loadSnapshot } from "./commands/loadSnapshot";
import { describe, expect, it, vi } from "vitest";
import { fitSizeOfSelectedTrack } from "./commands/fitSizeOfSelectedTrack";
import { createCuboid } from "./commands/createCuboid";
import { copySelectedToFrame, setFrame } from "./commands/frames";
import { interpolateSelected } from "./commands/interpolateSelected";
import { propagateSelected } from "./commands/propagateSelected";
import { undo } from "./commands/undoRedo";
import type { Editor, FitBox, FitService } from "./createEditor";
import { cuboidOfTrack, selectedCuboid, trackSpans } from "./selectors";
import { handleKey } from "./shortcuts";
import { key, makeEditor } from "./test/makeEditor";
import { createToolMachine } from "./tools/createToolMachine";
import { must } from "../../core/model/must";

const SIZE = { lengthM: 4, widthM: 2, heightM: 1.5 };
const boxAt = (x: number): FitBox => ({ centerM: { x, y: 0, z: -1 }, size: SIZE, yawRad: 0 });

/** A fit service that moves the object +1 m per frame and gives up (needsReview) at `stopFrame`. */
function mockFit(stopFrame: number): FitService & { propagate: ReturnType<typeof vi.fn> } {
  const propagate = vi.fn(async (seed: { frameIndex: number; box: FitBox }, direction: string) => {
    const step = direction === "forward" ? 1 : -1;
    const out: Array<{ frameIndex: number; box: FitBox; needsReview?: string }> = [];
    for (let k = seed.frameIndex + step; k >= 0 && k < 6; k += step) {
      const dx = k - seed.frameIndex;
      out.push({ frameIndex: k, box: boxAt(seed.box.centerM.x + dx) });
      if (k === stopFrame) {
        const last = out[out.length - 1];
        if (last) last.needsReview = "too few points";
        break;
      }
    }
    // The worker returns frames in ascending order in both directions.
    return out.sort((a, b) => a.frameIndex - b.frameIndex);
  });
  return {
    refit: async (box) => ({ box, moved: false }),
    propagate,
    fitTrackSize: async (boxes) => ({
      size: { lengthM: 4.6, widthM: 1.9, heightM: 1.6 },
      boxes: boxes.map((b) => ({ ...b.box, centerM: { ...b.box.centerM, x: b.box.centerM.x + 0.3 } })),
    }),
  };
}

function setup(frameIndex = 1, stopFrame = 4): { ed: Editor; fit: ReturnType<typeof mockFit> } {
  const ed = makeEditor(6);
  const fit = mockFit(stopFrame);
  ed.fit = fit;
  setFrame(ed, frameIndex);
  createCuboid(ed, boxAt(10));
  return { ed, fit };
}

const trackBoxes = (ed: Editor) =>
  [...ed.store.get().cuboids.values()].sort((a, b) => a.frameIndex - b.frameIndex);

describe("propagateSelected", () => {
  it("places the track forward as one undo step with provenance propagated, flagging where it stopped", async () => {
    const { ed, fit } = setup(1, 4);
    const before = ed.store.get().cuboids;
    const outcome = await propagateSelected(ed, "forward");
    expect(fit.propagate).toHaveBeenCalledWith(expect.objectContaining({ frameIndex: 1 }), "forward");
    expect(outcome).toEqual({ placed: 3, stoppedAtFrame: 4, reason: "too few points" });
    const boxes = trackBoxes(ed);
    expect(boxes.map((c) => [c.frameIndex, c.provenance, c.centerM.x])).toEqual([
      [1, "human", 10],
      [2, "propagated", 11],
      [3, "propagated", 12],
      [4, "propagated", 13],
    ]);
    const stopped = must(boxes[3], "the fourth propagated box");
    expect([...ed.store.get().needsReview]).toEqual([[stopped.id, "too few points"]]);
    // The flag is on the box itself, so it is saved and comes back on load in any browser.
    expect(boxes.map((c) => c.needsReview)).toEqual([undefined, undefined, undefined, "too few points"]);
    const saved = {
      cuboids: [...ed.store.get().cuboids.values()],
      tracks: [...ed.store.get().tracks.values()],
    };
    ed.store.update({ needsReview: new Map() });
    loadSnapshot(ed, saved);
    expect([...ed.store.get().needsReview]).toEqual([[stopped.id, "too few points"]]);
    expect(ed.store.get().notice).toContain("stopped at frame 5 (too few points)");
    undo(ed);
    expect(ed.store.get().cuboids).toEqual(before);
  });

  it("flags every box the worker was unsure of, also frames it coasted through in the middle", async () => {
    const { ed, fit } = setup(1, 4);
    fit.propagate.mockImplementationOnce(async () => [
      { frameIndex: 2, box: boxAt(11) },
      {
        frameIndex: 3,
        box: boxAt(12),
        needsReview: "too few points",
        fitResidual: { pointCount: 3, correctionM: 0.4 },
      },
      { frameIndex: 4, box: boxAt(13) },
    ]);
    const outcome = await propagateSelected(ed, "forward");
    expect(outcome).toEqual({ placed: 3, stoppedAtFrame: null, reason: null });
    const boxes = trackBoxes(ed);
    expect([...ed.store.get().needsReview]).toEqual([[boxes[2]?.id, "too few points"]]);
    expect(boxes[2]?.fitResidual).toEqual({ pointCount: 3, correctionM: 0.4 });
    expect(ed.store.get().notice).toContain("1 predicted through occlusion, flagged");
  });

  it("goes backward on Shift+P and never overwrites a human box, but replaces machine ones", async () => {
    const { ed, fit } = setup(4, -1);
    const tools = createToolMachine(ed);
    // A human box two frames back, and a machine box in between that propagation may replace.
    copySelectedToFrame(ed, -1);
    copySelectedToFrame(ed, -1); // human at frame 2
    const s = ed.store.get();
    const atFrame3 = must(cuboidOfTrack(s, "1", 3), "track 1's box at frame 3");
    ed.store.update({
      cuboids: new Map(s.cuboids).set(atFrame3.id, { ...atFrame3, provenance: "auto-fit" }),
    });
    setFrame(ed, 4);
    await propagateSelected(ed, "backward"); // replaces the machine box at frame 3 only (frame 2 is human)
    const machineId = atFrame3.id;
    expect(cuboidOfTrack(ed.store.get(), "1", 3)?.id).toBe(machineId);
    expect(cuboidOfTrack(ed.store.get(), "1", 3)?.provenance).toBe("propagated");
    expect(cuboidOfTrack(ed.store.get(), "1", 2)?.provenance).toBe("human");
    expect(ed.store.get().notice).toContain("stopped before a human box at frame 3");
    fit.propagate.mockClear();
    handleKey(ed, tools, key("KeyP", { shiftKey: true }));
    await vi.waitFor(() => expect(ed.store.get().notice).toMatch(/^Propagated backward/));
    expect(fit.propagate).toHaveBeenCalledWith(expect.objectContaining({ frameIndex: 4 }), "backward");
    expect(cuboidOfTrack(ed.store.get(), "1", 3)?.id).toBe(machineId);
  });

  it("drops the result when the seed box was edited while the worker ran", async () => {
    const { ed } = setup(1, 4);
    const tools = createToolMachine(ed);
    const pending = propagateSelected(ed, "forward");
    handleKey(ed, tools, key("KeyW"));
    expect(await pending).toBeNull();
    expect(trackBoxes(ed)).toHaveLength(1);
  });
});

describe("a hand edit of a machine box", () => {
  it("turns it human and clears its review flag", async () => {
    const { ed } = setup(1, 3);
    const tools = createToolMachine(ed);
    await propagateSelected(ed, "forward");
    setFrame(ed, 3);
    expect(selectedCuboid(ed.store.get())?.provenance).toBe("propagated");
    expect(ed.store.get().needsReview.size).toBe(1);
    expect(selectedCuboid(ed.store.get())?.needsReview).toBeDefined();
    handleKey(ed, tools, key("KeyQ"));
    expect(selectedCuboid(ed.store.get())?.provenance).toBe("human");
    expect(selectedCuboid(ed.store.get())?.needsReview).toBeUndefined();
    expect(ed.store.get().needsReview.size).toBe(0);
    // The timeline's machine cells: frame 2 still untouched, frame 3 now a person's.
    expect([...(trackSpans(ed.store.get().cuboids)[0]?.machineFrames ?? [])]).toEqual([2]);
  });
});

describe("interpolateSelected", () => {
  it("fills the frames between human keyframes as one undo step with provenance interpolated", () => {
    const { ed } = setup(0);
    const tools = createToolMachine(ed);
    // Keyframe at frame 4, 4 m further along x (identity poses, 0.1 s apart).
    for (let i = 0; i < 4; i++) copySelectedToFrame(ed, 1);
    for (let i = 0; i < 4; i++) handleKey(ed, tools, key("KeyW", { shiftKey: true })); // +2 m
    for (let i = 0; i < 20; i++) handleKey(ed, tools, key("KeyW")); // +2 m
    // Frames 1–3 hold human copies; make them machine boxes so only frames 0 and 4 are keys.
    const s = ed.store.get();
    const cuboids = new Map(s.cuboids);
    for (const c of cuboids.values())
      if (c.frameIndex > 0 && c.frameIndex < 4) cuboids.set(c.id, { ...c, provenance: "auto-fit" });
    ed.store.update({ cuboids });
    const before = ed.store.get().cuboids;
    expect(handleKey(ed, tools, key("KeyI"))).toBe(true);
    const boxes = trackBoxes(ed);
    expect(boxes.map((c) => c.provenance)).toEqual([
      "human",
      "interpolated",
      "interpolated",
      "interpolated",
      "human",
    ]);
    for (const [i, c] of boxes.entries()) expect(c.centerM.x).toBeCloseTo(10 + i, 9);
    expect(ed.store.get().notice).toBe("Interpolated 3 boxes between 2 keyframes");
    undo(ed);
    expect(ed.store.get().cuboids).toEqual(before);
  });

  it("then moves the boxes to their points as a second undo step, flagging those the points contradict", async () => {
    const { ed, fit } = setup(0);
    // The service moves each box 0.3 m along x, and finds frame 2's points well off its box.
    const refineInterpolated = vi.fn(
      async (boxes: Parameters<NonNullable<FitService["refineInterpolated"]>>[0]) =>
        boxes.map((b) =>
          b.frameIndex === 2
            ? { box: b.box, needsReview: "points disagree" }
            : { box: { ...b.box, centerM: { ...b.box.centerM, x: b.box.centerM.x + 0.3 } } },
        ),
    );
    fit.refineInterpolated = refineInterpolated;
    for (let i = 0; i < 4; i++) copySelectedToFrame(ed, 1);
    const s = ed.store.get();
    const cuboids = new Map(s.cuboids);
    for (const c of cuboids.values())
      if (c.frameIndex > 0 && c.frameIndex < 4) cuboids.set(c.id, { ...c, provenance: "auto-fit" });
    ed.store.update({ cuboids });
    expect(interpolateSelected(ed)).toBe(3);
    const interpolated = ed.store.get().cuboids;
    await vi.waitFor(() => expect(ed.store.get().notice).toMatch(/^Moved 2 interpolated boxes/));
    expect(refineInterpolated).toHaveBeenCalledTimes(1);
    const sent = must(refineInterpolated.mock.calls[0], "the refine call")[0];
    expect(sent.map((b) => [b.frameIndex, b.before.frameIndex, b.after.frameIndex])).toEqual([
      [1, 0, 4],
      [2, 0, 4],
      [3, 0, 4],
    ]);
    const boxes = trackBoxes(ed);
    expect(boxes.map((c) => [c.provenance, c.centerM.x, c.needsReview])).toEqual([
      ["human", 10, undefined],
      ["interpolated", 10.3, undefined],
      ["interpolated", 10, "points disagree"],
      ["interpolated", 10.3, undefined],
      ["human", 10, undefined],
    ]);
    expect([...ed.store.get().needsReview]).toEqual([
      [must(boxes[2], "frame 2's box").id, "points disagree"],
    ]);
    undo(ed);
    expect(ed.store.get().cuboids).toEqual(interpolated);
  });

  it("does nothing with a single keyframe", () => {
    const { ed } = setup(0);
    expect(interpolateSelected(ed)).toBe(0);
    expect(trackBoxes(ed)).toHaveLength(1);
  });
});

describe("fitSizeOfSelectedTrack", () => {
  it("gives every box of the track the fitted size in one undo step, keeping provenance", async () => {
    const { ed } = setup(1, 3);
    await propagateSelected(ed, "forward");
    const before = ed.store.get().cuboids;
    const size = await fitSizeOfSelectedTrack(ed);
    expect(size).toEqual({ lengthM: 4.6, widthM: 1.9, heightM: 1.6 });
    const boxes = trackBoxes(ed);
    expect(boxes.map((c) => [c.size, c.provenance, c.centerM.x])).toEqual([
      [size, "human", 10.3],
      [size, "propagated", 11.3],
      [size, "propagated", 12.3],
    ]);
    undo(ed);
    expect(ed.store.get().cuboids).toEqual(before);
  });

  it("runs on Shift+X while plain X stays auto-fit", async () => {
    const { ed, fit } = setup(1, 3);
    const tools = createToolMachine(ed);
    const refit = vi.spyOn(fit, "refit");
    handleKey(ed, tools, key("KeyX", { shiftKey: true }));
    await vi.waitFor(() => expect(selectedCuboid(ed.store.get())?.size.lengthM).toBe(4.6));
    expect(refit).not.toHaveBeenCalled();
    handleKey(ed, tools, key("KeyX"));
    await vi.waitFor(() => expect(refit).toHaveBeenCalledTimes(1));
  });

  it("queues machine steps: X then P at once propagates the fitted box", async () => {
    const { ed, fit } = setup(1, 3);
    const tools = createToolMachine(ed);
    fit.refit = async (box) => ({
      box: { ...box, centerM: { ...box.centerM, x: box.centerM.x + 0.5 } },
      moved: true,
    });
    handleKey(ed, tools, key("KeyX"));
    handleKey(ed, tools, key("KeyP"));
    await vi.waitFor(() => expect(ed.store.get().notice).toMatch(/^Propagated forward: 2 boxes/));
    expect(trackBoxes(ed).map((c) => [c.provenance, c.centerM.x])).toEqual([
      ["auto-fit", 10.5],
      ["propagated", 11.5],
      ["propagated", 12.5],
    ]);
  });
});

describe("Enter: accept a machine box", () => {
  it("makes a propagated box a keyframe, so interpolation runs between it and the seed", async () => {
    const { ed } = setup(1, 9);
    await propagateSelected(ed, "forward");
    expect(interpolateSelected(ed)).toBe(0); // one human keyframe: nothing to interpolate between
    setFrame(ed, 4);
    const trackId = must(selectedCuboid(ed.store.get()), "the selected box").trackId;
    const at4 = must(cuboidOfTrack(ed.store.get(), trackId, 4), "the track's box at frame 4");
    expect(at4.provenance).toBe("propagated");
    handleKey(ed, createToolMachine(ed), key("Enter"));
    expect(ed.store.get().cuboids.get(at4.id)?.provenance).toBe("human");
    expect(interpolateSelected(ed)).toBe(2); // frames 2 and 3, between the keys at 1 and 4
  });
});
