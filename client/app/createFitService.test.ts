import { describe, expect, it, vi } from "vitest";
import type { FitClient } from "../../workers/fit/createFitClient";
import type { FitBox } from "../editor/createEditor";
import { createFitService, FRAMES_PER_CALL } from "./createFitService";
import { must } from "../../core/model/must";
import { makeFrames } from "../editor/test/makeFrames";
import type { FrameLoader } from "./frameLoader";

const FRAME_COUNT = 30;
const frames = makeFrames(FRAME_COUNT);
const loader: FrameLoader = {
  load: async () => ({
    pointCount: 1,
    displayCount: 1,
    positions: new Float32Array(3),
    originM: { x: 0, y: 0, z: 0 },
  }),
  prefetch: () => {},
  dispose: () => {},
};
const SIZE = { lengthM: 4, widthM: 2, heightM: 1.5 };
const globalIndex = (key: string) => Number(key.slice(4));

/**
 * A stand-in for the worker that holds at most FRAMES_PER_CALL + 4 frames (as the real one holds
 * 16) and fails a call that reads a frame it does not hold. Propagation moves the object +1 m per
 * frame and gives up at frame `stopAt`; sizing shifts each box 0.3 m forward and 0.1 m right.
 */
function fakeClient(stopAt: number) {
  const held: string[] = [];
  const need = (key: string) => {
    if (!held.includes(key)) throw new Error(`frame ${key} not set`);
  };
  const api = {
    propagate: vi.fn(
      (
        seq: Array<{ frameIndex: number; frameKey: string }>,
        seed: { frameIndex: number; centerM: FitBox["centerM"]; size: FitBox["size"]; yawRad: number },
        options: { direction: "forward" | "backward" },
      ) => {
        for (const [i, f] of seq.entries()) {
          expect(f.frameIndex).toBe(i);
          need(f.frameKey);
        }
        const step = options.direction === "forward" ? 1 : -1;
        const out = [];
        for (let k = seed.frameIndex + step; k >= 0 && k < seq.length; k += step) {
          const g = globalIndex(must(seq[k], `frame ${k} of the call`).frameKey);
          out.push({
            frameIndex: k,
            centerM: { ...seed.centerM, x: seed.centerM.x + (k - seed.frameIndex) },
            size: seed.size,
            yawRad: seed.yawRad,
            pointCount: 50,
            correctionM: 0.1,
            ...(g === stopAt ? { needsReview: "too few points" } : {}),
          });
          if (g === stopAt) break;
        }
        return out.sort((a, b) => a.frameIndex - b.frameIndex);
      },
    ),
    refineInterpolated: vi.fn(
      (
        frame: { frameKey: string; timestampS: number },
        box: FitBox,
        before: { frameKey: string; timestampS: number; box: FitBox },
        after: { frameKey: string; timestampS: number; box: FitBox },
      ) => {
        for (const k of [frame, before, after]) need(k.frameKey);
        return { box: { ...box, centerM: { ...box.centerM, x: box.centerM.x + 0.2 } }, registrations: 2 };
      },
    ),
    fitTrackSize: vi.fn((boxes: Array<{ frameKey: string; box: FitBox }>) => {
      for (const b of boxes) need(b.frameKey);
      const size = { lengthM: 4.6, widthM: 1.8, heightM: 1.7 };
      return {
        size,
        boxes: boxes.map(({ box }) => shifted(box, size)),
        pointCount: 100,
      };
    }),
  };
  const client = {
    api,
    setFrame: async (key: string) => {
      const at = held.indexOf(key);
      if (at >= 0) held.splice(at, 1);
      held.push(key);
      if (held.length > FRAMES_PER_CALL + 4) held.shift();
    },
    dispose: () => {},
  };
  return { api, client: client as unknown as FitClient };
}

function shifted(box: FitBox, size: FitBox["size"]): FitBox {
  const c = Math.cos(box.yawRad);
  const s = Math.sin(box.yawRad);
  const [u, v] = [0.3, -0.1];
  return {
    ...box,
    centerM: {
      x: box.centerM.x + c * u - s * v,
      y: box.centerM.y + s * u + c * v,
      z: box.centerM.z - box.size.heightM / 2 + size.heightM / 2,
    },
    size,
  };
}

const service = (stopAt: number) => {
  const fake = fakeClient(stopAt);
  return {
    ...fake,
    fit: createFitService(
      () => null,
      { frames, loader: () => loader },
      () => fake.client,
    ),
  };
};
const seedAt = (frameIndex: number) => ({
  frameIndex,
  box: { centerM: { x: 0, y: 5, z: -1 }, size: SIZE, yawRad: 0.2 },
});

describe("createFitService.propagate", () => {
  it("walks a long sequence in chunks the worker can hold, each seeded by the last box, up to where it stopped", async () => {
    const { api, fit } = service(25);
    const placed = await must(fit.propagate, "the service's propagate")(seedAt(2), "forward");
    expect(placed.map((p) => p.frameIndex)).toEqual(Array.from({ length: 23 }, (_, i) => 3 + i));
    expect(placed.map((p) => p.box.centerM.x)).toEqual(Array.from({ length: 23 }, (_, i) => 1 + i));
    expect(placed.at(-1)?.needsReview).toBe("too few points");
    // The fit's residuals travel with each box (stored with it for review).
    expect(placed[0]?.fitResidual).toEqual({ pointCount: 50, correctionM: 0.1 });
    expect(placed.slice(0, -1).every((p) => p.needsReview === undefined)).toBe(true);
    const chunks = api.propagate.mock.calls.map(([seq]) => seq.map((f) => globalIndex(f.frameKey)));
    expect(chunks.map((c) => [c[0], c.at(-1)])).toEqual([
      [2, 13],
      [13, 24],
      [24, 29],
    ]);
  });

  it("walks backward nearest first and stops at the sequence's start", async () => {
    const { fit } = service(-1);
    const placed = await must(fit.propagate, "the service's propagate")(seedAt(5), "backward");
    expect(placed.map((p) => [p.frameIndex, p.box.centerM.x])).toEqual([
      [4, -1],
      [3, -2],
      [2, -3],
      [1, -4],
      [0, -5],
    ]);
  });
});

describe("createFitService.refineInterpolated", () => {
  it("hands each box's frame and its two keyframes to the worker, with their times", async () => {
    const { api, fit } = service(-1);
    const key = (frameIndex: number) => ({ frameIndex, box: seedAt(frameIndex).box });
    const boxes = [3, 4, 5, 6, 7].map((k) => ({ ...key(k), before: key(2), after: key(22) }));
    const refined = await must(fit.refineInterpolated, "the service's refineInterpolated")(boxes);
    expect(refined.map((r) => r.box.centerM.x)).toEqual([0.2, 0.2, 0.2, 0.2, 0.2]);
    expect(
      api.refineInterpolated.mock.calls.map(([f, , b, a]) => [
        f.frameKey,
        f.timestampS,
        b.frameKey,
        a.timestampS,
      ]),
    ).toEqual([3, 4, 5, 6, 7].map((k) => [`blob${k}`, k / 10, "blob2", 2.2]));
  });
});

describe("createFitService.fitTrackSize", () => {
  it("sizes a track longer than one call from a sample and moves every box by the same shift in its own frame", async () => {
    const { api, fit } = service(-1);
    const boxes = frames.slice(0, 20).map((f, i) => ({
      frameIndex: f.index,
      box: { centerM: { x: i, y: 2 * i, z: -1 }, size: SIZE, yawRad: 0.1 * i },
    }));
    const r = await must(fit.fitTrackSize, "the service's fitTrackSize")(boxes, SIZE);
    expect(api.fitTrackSize.mock.calls[0]?.[0]).toHaveLength(FRAMES_PER_CALL);
    expect(r.size).toEqual({ lengthM: 4.6, widthM: 1.8, heightM: 1.7 });
    for (const [i, b] of r.boxes.entries()) {
      const want = shifted(must(boxes[i], `box ${i}`).box, r.size);
      expect(b.centerM.x).toBeCloseTo(want.centerM.x, 9);
      expect(b.centerM.y).toBeCloseTo(want.centerM.y, 9);
      expect(b.centerM.z).toBeCloseTo(want.centerM.z, 9);
      expect(b.size).toEqual(r.size);
    }
  });
});
