import type {
  DetectRequest,
  DetectResponse,
  ModelPlugin,
  SegmentGroundRequest,
  SegmentGroundResponse,
  TrackRequest,
  TrackResponse,
} from "../../core/api/modelPlugin";
import * as Comlink from "comlink";
import type { CuboidSize } from "../../core/model/Cuboid";
import { must } from "../../core/model/must";
import { detectScoredObjects } from "../../core/prelabel/detectScoredObjects";
import { scoreByTrackEvidence } from "../../core/prelabel/scoreByTrackEvidence";
import { segmentGround } from "../../core/prelabel/segmentGround";
import { unifyTrackSizes } from "../../core/prelabel/unifyTrackSizes";
import { trackDetections } from "../../core/prelabel/trackDetections";
import { poseFromPlugin, pointsFromPlugin } from "./pluginPoints";
import type { SequenceLabeler } from "./SequenceLabeler";
import { startTsWorker } from "../compute/startTsWorker";
import type { BuiltinLabelerApi } from "./builtinLabelerWorker";
import { BUILTIN_MODEL, prelabelSizes } from "./labelSequenceInProcess";

export { BUILTIN_MODEL } from "./labelSequenceInProcess";

/**
 * The built-in pre-labeler (core/prelabel: ground grid, clustering, shape classes, box fit,
 * tracking with ego poses) behind the plugin contract, so the job calls it exactly as it calls a
 * team's model server. Over HTTP, `track` gets boxes without points, so it assigns track ids,
 * rescores by track evidence and gives each vehicle track one size (unifyTrackSizes) but cannot
 * refit the boxes to their points; the pre-label job runs it in process through `labelSequence`,
 * which does exactly what `npm run prelabel` does.
 */
export const builtinModelPlugin = {
  label: "built-in pre-labeler",
  async detect(request: DetectRequest): Promise<DetectResponse> {
    const sizes = new Map<string, CuboidSize>();
    for (const c of request.classes)
      if (c.sizeM) sizes.set(c.name, { lengthM: c.sizeM[0], widthM: c.sizeM[1], heightM: c.sizeM[2] });
    const detections = detectScoredObjects(pointsFromPlugin(request.points), {
      classSizes: prelabelSizes(sizes),
    });
    return {
      model: BUILTIN_MODEL,
      boxes: detections.map((d) => ({
        class: d.className,
        score: Math.min(1, Math.max(0, d.score)),
        center: [d.centerM.x, d.centerM.y, d.centerM.z],
        size: [d.size.lengthM, d.size.widthM, d.size.heightM],
        yaw: d.yawRad,
      })),
    };
  },
  async track(request: TrackRequest): Promise<TrackResponse> {
    const tracked = trackDetections(
      request.frames.map((f) => ({
        detections: f.boxes.map((box) => ({
          className: box.class,
          centerM: { x: box.center[0], y: box.center[1], z: box.center[2] },
          size: { lengthM: box.size[0] },
          box,
        })),
        worldFromLidar: f.worldFromLidar ? poseFromPlugin(f.worldFromLidar) : null,
        timestampS: f.timestampS,
      })),
    );
    // Rescored by the track's evidence, as `npm run prelabel` scores them (the contract lets a
    // tracker rescore): a box of a track seen once in a long sequence is weak evidence.
    const scores = scoreByTrackEvidence(
      tracked.frames.map((dets) =>
        dets.map((d) => ({ trackId: d.trackId, score: d.box.score, className: d.box.class })),
      ),
    );
    // One size per vehicle track, each box keeping the faces the lidar saw.
    const resized = unifyTrackSizes(
      tracked.frames.map((dets) =>
        dets.map((d) => ({
          className: d.box.class,
          trackId: d.trackId,
          centerM: d.centerM,
          size: { lengthM: d.box.size[0], widthM: d.box.size[1], heightM: d.box.size[2] },
          yawRad: d.box.yaw,
        })),
      ),
    );
    return {
      model: BUILTIN_MODEL,
      frames: request.frames.map((f, k) => ({
        name: f.name,
        boxes: f.boxes.map((b, i) => {
          const trackId = tracked.frames[k]?.[i]?.trackId;
          const score = scores[k]?.[i];
          const fit = resized[k]?.[i];
          if (trackId === undefined || score === undefined || !fit)
            throw new Error(`track: box ${i} of frame ${f.name} lost its track`);
          const center: [number, number, number] = [fit.centerM.x, fit.centerM.y, fit.centerM.z];
          const size: [number, number, number] = [fit.size.lengthM, fit.size.widthM, fit.size.heightM];
          return { ...b, score, trackId, center, size };
        }),
      })),
    };
  },
  /**
   * The whole sequence in one call (SequenceLabeler): the same steps as `npm run prelabel`
   * (labelSequenceInProcess), so the app's pre-labels are what eval:prelabel measures; run in a
   * worker thread of its own, so the server keeps answering saves (one frame is ~0.6 s of CPU).
   */
  async labelSequence(request, onFrame) {
    const worker = startTsWorker<BuiltinLabelerApi>(new URL("./builtinLabelerWorker.ts", import.meta.url));
    // What this thread's callbacks threw (a cancelled job, a missing blob) is rethrown as it was:
    // the worker's rejection carries only its message.
    const thrown: unknown[] = [];
    const keep = <A extends unknown[], R>(f: (...args: A) => Promise<R>) =>
      Comlink.proxy(async (...args: A) => {
        try {
          return await f(...args);
        } catch (error) {
          thrown.push(error);
          throw error;
        }
      });
    try {
      return await worker.api.labelSequence(
        request.frames.map(({ points: _, ...f }) => f),
        [...request.classSizes],
        keep(async (k: number) => {
          const p = await must(request.frames[k], `frame ${k}`).points();
          const own =
            p.positions.byteOffset === 0 && p.positions.byteLength === p.positions.buffer.byteLength
              ? p.positions
              : p.positions.slice();
          return Comlink.transfer({ positions: own, originM: p.originM }, [own.buffer]);
        }),
        keep(onFrame),
      );
    } catch (e) {
      throw thrown.length > 0 ? thrown[0] : e;
    } finally {
      await worker.close();
    }
  },
  /** The ground the detector removes (core/prelabel/segmentGround), one byte a point, base64. */
  async segmentGround(request: SegmentGroundRequest): Promise<SegmentGroundResponse> {
    const ground = segmentGround(pointsFromPlugin(request.points));
    return {
      model: BUILTIN_MODEL,
      ground: Buffer.from(ground.buffer, ground.byteOffset, ground.byteLength).toString("base64"),
    };
  },
} satisfies ModelPlugin & SequenceLabeler;
