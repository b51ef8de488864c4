import { watchEventLoop } from "../testing/watchEventLoop";
import { describe, expect, it } from "vitest";
import type { CuboidSize } from "../../core/model/Cuboid";
import type { FramePoints } from "../../core/prelabel/detectObjects";
import { detectScoredObjects } from "../../core/prelabel/detectScoredObjects";
import { carSurfacePoints, groundPoints } from "../../core/prelabel/syntheticScene";
import { createSceneRuntime } from "../../scripts/lib/SceneRuntime";
import { loadScene } from "../../scripts/lib/loadScene";
import { describeRealData, realDataPath } from "../../scripts/testing/realData";
import { builtinModelPlugin } from "./builtinModelPlugin";
import { labelSequenceInProcess } from "./labelSequenceInProcess";
import type { SequenceLabelerFrame } from "./SequenceLabeler";

const CLASS_SIZES = new Map<string, CuboidSize>([["Car", { lengthM: 4.5, widthM: 1.85, heightM: 1.5 }]]);

/** Four sweeps of a flat road and one car driving along x at 10 m/s, 0.1 s apart. */
function syntheticFrames(reads: number[] = []): SequenceLabelerFrame[] {
  const ground = { z0: -1.8, slopeX: 0, slopeY: 0 };
  return Array.from({ length: 4 }, (_, f) => ({
    name: `f${f}`,
    timestampS: 0.1 * f,
    worldFromLidar: null,
    points: async (): Promise<FramePoints> => {
      reads.push(f);
      const car = { x: 10 + f, y: 4, yawRad: 0, lengthM: 4.5, widthM: 1.85, heightM: 1.5 };
      return {
        positions: new Float32Array([...groundPoints(ground, 30), ...carSurfacePoints(ground, car)]),
        originM: { x: 0, y: 0, z: 0 },
      };
    },
  }));
}

describe("the built-in pre-labeler's worker thread", () => {
  it("labels a sequence as the in-process pre-labeler does", async () => {
    const request = { frames: syntheticFrames(), classSizes: CLASS_SIZES };
    const progress: number[] = [];
    const inWorker = await builtinModelPlugin.labelSequence(request, async (done) => {
      progress.push(done);
    });
    const here = await labelSequenceInProcess(request, async () => {});
    expect(progress).toEqual([1, 2, 3, 4]);
    expect(inWorker.boxes.length).toBe(4);
    expect(inWorker).toEqual(here);
  });

  it("rethrows what a callback threw (a cancelled job) as it was, and reads no frame after it", async () => {
    class Stop extends Error {}
    const stop = new Stop("job cancelled");
    const reads: number[] = [];
    const run = builtinModelPlugin.labelSequence(
      { frames: syntheticFrames(reads), classSizes: CLASS_SIZES },
      async (done) => {
        if (done === 2) throw stop;
      },
    );
    await expect(run).rejects.toBe(stop);
    expect(reads).toEqual([0, 1]);
  });
});

describeRealData("the built-in pre-labeler on a real sequence (SUSTechPOINTS)", () => {
  it("leaves the server's thread answering: no stall near one frame's detection", async () => {
    const rt = createSceneRuntime(loadScene(realDataPath("sustechpoints/data/example")));
    const pointsOf = (k: number): FramePoints => ({
      positions: rt.index(k).xyz,
      originM: rt.index(k).originM,
    });
    // The peer, measured in this run: one frame's detection on this thread (warmed up first).
    detectScoredObjects(pointsOf(0));
    const t0 = performance.now();
    detectScoredObjects(pointsOf(1));
    const frameMs = performance.now() - t0;
    const frames = rt.scene.frames.map((f, k) => ({
      name: f.name,
      timestampS: 0.1 * k,
      worldFromLidar: null,
      points: async () => {
        const p = pointsOf(k);
        return { positions: p.positions.slice(), originM: p.originM };
      },
    }));
    const loop = watchEventLoop();
    const labelled = await builtinModelPlugin.labelSequence(
      { frames, classSizes: CLASS_SIZES },
      async () => {},
    );
    const longestStallMs = loop.stop();
    console.log(
      `one frame's detection on this thread ${frameMs.toFixed(0)} ms; longest stall while labelling ${longestStallMs.toFixed(0)} ms`,
    );
    expect(labelled.boxes.length).toBeGreaterThan(0);
    expect(longestStallMs).toBeLessThan(frameMs / 3);
  });
});
