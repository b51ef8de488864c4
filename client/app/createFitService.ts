import type { FitResidual } from "../../core/model/Cuboid";
import type { FrameDetail } from "../../core/api/sequenceDetail";
import { createFitClient, type FitClient } from "../../workers/fit/createFitClient";
import type { FitBox, FitService } from "../editor/createEditor";
import { t } from "../i18n/i18n";
import { must } from "../../core/model/must";
import { blobUrl } from "./api";
import type { FrameLoader, LoadedPoints } from "./frameLoader";

/**
 * Frames handed to the worker per call. The worker keeps 16 frames indexed (workers/fit/createFitApi,
 * ≈ 2 MB each at 120k points); a call must find every frame it reads still there, so a long
 * propagation runs in chunks of this many frames, each seeded with the previous chunk's last box.
 * (The track's velocity restarts at a chunk boundary; the template match carries the first step.)
 */
export const FRAMES_PER_CALL = 12;

/** What the service needs of the sequence to work on frames other than the one on screen. */
export interface FitSequence {
  /** The sequence's frames (blob hash, time, ego pose); position = frameIndex. */
  frames: readonly FrameDetail[];
  /** The workspace's point-cloud pool; null while it starts. */
  loader: () => FrameLoader | null;
}

type Cloud = { pointCount: number; positions: Float32Array; originM: { x: number; y: number; z: number } };
const cloudOf = (p: LoadedPoints): Cloud =>
  p.full ?? { pointCount: p.displayCount, positions: p.positions, originM: p.originM };

/**
 * The editor's fit service over the fit worker (workers/fit). The worker is started on the first
 * fit, and a frame is handed to it only when a fit needs it (a copy: the viewer keeps drawing from
 * the original), so stepping through frames costs nothing extra. Propagation and track sizing load
 * the frames they need through the pool (full resolution) and hand them over chunk by chunk.
 */
export function createFitService(
  current: () => { key: string; points: LoadedPoints } | null,
  sequence?: FitSequence,
  createClient: () => FitClient = createFitClient,
): FitService & { dispose(): void } {
  let client: FitClient | null = null;
  const sent = new Set<string>();
  const worker = () => (client ??= createClient());

  /** Hands frame `frameIndex` to the worker (always: the worker's LRU may have dropped it). */
  async function sendFrame(frameIndex: number): Promise<string> {
    const frame = sequence?.frames[frameIndex];
    const loader = sequence?.loader();
    if (!frame || !loader) throw new Error(t("errors.fitFrameUnavailable", { frame: frameIndex + 1 }));
    const shown = current();
    const points =
      shown?.key === frame.lidarBlob ? shown.points : await loader.load(blobUrl(frame.lidarBlob));
    await worker().setFrame(frame.lidarBlob, cloudOf(points), true);
    return frame.lidarBlob;
  }

  /** Hands the frame on screen to the worker once; its key, or null when none is loaded. */
  async function sendCurrent(): Promise<string | null> {
    const frame = current();
    if (!frame) return null;
    const c = worker();
    if (!sent.has(frame.key) || !(await c.api.hasFrame(frame.key))) {
      await c.setFrame(frame.key, cloudOf(frame.points), true);
      sent.add(frame.key);
    }
    return frame.key;
  }

  /** One worker call over frames `indices` (contiguous, any order): frames set, then the timed slice. */
  async function timedSlice(indices: number[]) {
    for (const i of indices) await sendFrame(i);
    const lo = Math.min(...indices);
    const hi = Math.max(...indices);
    return {
      lo,
      frames: (sequence?.frames ?? []).slice(lo, hi + 1).map((f, j) => ({
        frameIndex: j,
        timestampS: f.timestampUs / 1e6,
        worldFromLidar: f.worldFromLidar,
        frameKey: f.lidarBlob,
      })),
    };
  }

  return {
    async refit(box, options) {
      const key = await sendCurrent();
      if (key === null) return { box, moved: false };
      const r = await worker().api.refit(key, box, options?.anyHeading ? { anyHeading: true } : {});
      return { box: r.box, moved: r.moved };
    },

    async autoFit(clickM, className, priorSize) {
      const key = await sendCurrent();
      if (key === null) return { box: { centerM: clickM, size: priorSize, yawRad: 0 }, pointCount: 0 };
      const r = await worker().api.autoFit(key, clickM, className, priorSize);
      return { box: { centerM: r.centerM, size: r.size, yawRad: r.yawRad }, pointCount: r.pointCount };
    },

    async propagate(seed, direction) {
      const frameCount = sequence?.frames.length ?? 0;
      const step = direction === "forward" ? 1 : -1;
      const out: Array<{ frameIndex: number; box: FitBox; needsReview?: string; fitResidual?: FitResidual }> =
        [];
      let from = seed;
      for (;;) {
        const indices: number[] = [];
        for (let k = from.frameIndex; k >= 0 && k < frameCount && indices.length < FRAMES_PER_CALL; k += step)
          indices.push(k);
        if (indices.length < 2) break;
        const { lo, frames } = await timedSlice(indices);
        const placed = await worker().api.propagate(
          frames,
          {
            frameIndex: from.frameIndex - lo,
            centerM: from.box.centerM,
            size: from.box.size,
            yawRad: from.box.yawRad,
          },
          { direction },
        );
        const walked = placed
          .map((p) => ({
            frameIndex: p.frameIndex + lo,
            box: { centerM: p.centerM, size: p.size, yawRad: p.yawRad },
            ...(p.needsReview ? { needsReview: p.needsReview } : {}),
            fitResidual: { pointCount: p.pointCount, correctionM: p.correctionM },
          }))
          .sort((a, b) => step * (a.frameIndex - b.frameIndex));
        out.push(...walked);
        const last = walked[walked.length - 1];
        if (!last || last.needsReview || walked.length < indices.length - 1) break;
        from = last;
      }
      return out;
    },

    async refineInterpolated(boxes) {
      const frames = sequence?.frames ?? [];
      const timestampS = (k: number) => must(frames[k], `frame ${k + 1}`).timestampUs / 1e6;
      const out: Array<{ box: FitBox; needsReview?: string }> = [];
      // Boxes come in frame order between the same keys: a frame is handed over once per run of
      // boxes that need it, and the three a box reads are the last handed over (the worker holds 16).
      let held: number[] = [];
      const hold = async (k: number) => {
        if (!held.includes(k)) await sendFrame(k);
        held = [...held.filter((h) => h !== k), k].slice(-3);
        return must(frames[k], `frame ${k + 1}`).lidarBlob;
      };
      for (const b of boxes) {
        const beforeKey = await hold(b.before.frameIndex);
        const afterKey = await hold(b.after.frameIndex);
        const frameKey = await hold(b.frameIndex);
        const r = await worker().api.refineInterpolated(
          { frameKey, timestampS: timestampS(b.frameIndex) },
          b.box,
          { frameKey: beforeKey, timestampS: timestampS(b.before.frameIndex), box: b.before.box },
          { frameKey: afterKey, timestampS: timestampS(b.after.frameIndex), box: b.after.box },
        );
        out.push({ box: r.box, ...(r.needsReview ? { needsReview: r.needsReview } : {}) });
      }
      return out;
    },

    async fitTrackSize(boxes, currentSize) {
      if (boxes.length === 0) return { size: currentSize, boxes: [] };
      // More frames than one call can hold: size from an even sample. The worker moves every box by
      // the same shift in the box's own frame (faces seen stay put), so the shift found on the
      // sample applies to the rest.
      const n = Math.min(boxes.length, FRAMES_PER_CALL);
      const sample = Array.from({ length: n }, (_, i) => i).flatMap((i) => {
        const b = boxes[Math.round((i * (boxes.length - 1)) / Math.max(1, n - 1))];
        return b ? [b] : [];
      });
      const framed: Array<{ frameKey: string; box: FitBox }> = [];
      for (const b of sample) framed.push({ frameKey: await sendFrame(b.frameIndex), box: b.box });
      const r = await worker().api.fitTrackSize(framed, currentSize);
      const b0 = sample[0]?.box;
      const n0 = r.boxes[0];
      if (!b0 || !n0)
        throw new Error(
          `fitTrackSize: the worker returned ${r.boxes.length} boxes for ${sample.length} sent`,
        );
      const dx = n0.centerM.x - b0.centerM.x;
      const dy = n0.centerM.y - b0.centerM.y;
      const cos0 = Math.cos(b0.yawRad);
      const sin0 = Math.sin(b0.yawRad);
      const shiftU = cos0 * dx + sin0 * dy;
      const shiftV = -sin0 * dx + cos0 * dy;
      return {
        size: r.size,
        boxes: boxes.map(({ box }) => {
          const c = Math.cos(box.yawRad);
          const s = Math.sin(box.yawRad);
          const bottomZM = box.centerM.z - box.size.heightM / 2;
          return {
            ...box,
            centerM: {
              x: box.centerM.x + c * shiftU - s * shiftV,
              y: box.centerM.y + s * shiftU + c * shiftV,
              z: bottomZM + r.size.heightM / 2,
            },
            size: { ...r.size },
          };
        }),
      };
    },

    dispose() {
      client?.dispose();
      client = null;
    },
  };
}
