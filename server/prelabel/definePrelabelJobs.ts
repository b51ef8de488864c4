import type { PluginBox, TrackRequest } from "../../core/api/modelPlugin";
import { isIdentityPose } from "../../core/geometry/pose";
import { decodePointCloudAsync } from "../../workers/decode/decodePointCloudAsync";
import { blobBytes } from "../export/exportFiles";
import { lidarFileExtension } from "../export/lidarFileExtension";
import type { JobQueue } from "../jobs/createJobQueue";
import { JobInputError } from "../jobs/JobInputError";
import { modelPluginFor } from "../plugins/projectPlugin";
import { pointsToPlugin, poseToPlugin } from "../plugins/pluginPoints";
import type { ServerDeps } from "../ServerDeps";
import { getStoredSequence, withRecordedPoses } from "../store/getSequenceDetail";
import { type ApplyPredictionsResult, applyPredictions, type PredictionRun } from "./applyPredictions";

export const PRELABEL_JOB = "prelabel";

export interface PrelabelJobInput {
  sequenceId: string;
  taskId: string | null;
  /** A task's frames (inclusive); null: the whole sequence. */
  frameRange: { start: number; end: number } | null;
  /** Who started it: the author of the pre-label batch. */
  author: string;
}

export type PrelabelJobResult = Extract<ApplyPredictionsResult, { status: "applied" }> & {
  model: { name: string; version: string };
  plugin: string;
  frames: number;
};

/**
 * The pre-label job: the project's model plugin detects every frame (progress per frame), tracks
 * the boxes over the frames, and applyPredictions stores them as machine pre-labels with their
 * model, version and score (replacing untouched boxes of an earlier run, never a person's edit).
 * Nothing is written until every frame is detected and tracked: a cancel or failure leaves the
 * sequence as it was.
 */
export function definePrelabelJobs(deps: ServerDeps, queue: JobQueue): void {
  queue.define<PrelabelJobInput>(PRELABEL_JOB, async (ctx) => {
    const { sequenceId, frameRange } = ctx.data;
    const found = await getStoredSequence(deps.store, sequenceId);
    // The model gets the recorded poses (or none), as the evaluations run it.
    const stored = found && withRecordedPoses(found);
    if (!stored)
      throw new JobInputError(`sequence ${sequenceId} does not exist (deleted after the job was queued?)`);
    const seq = await deps.store.db
      .selectFrom("sequences")
      .select("project_id")
      .where("id", "=", sequenceId)
      .executeTakeFirstOrThrow();
    const plugin = await modelPluginFor(deps.store, seq.project_id, deps.allowPrivatePluginUrls ?? false);
    const frames = stored.detail.frames.filter(
      (f) => !frameRange || (f.index >= frameRange.start && f.index <= frameRange.end),
    );
    const classes = stored.detail.classes.map((c) => ({
      name: c.name,
      sizeM: [c.defaultSize.lengthM, c.defaultSize.widthM, c.defaultSize.heightM] as [number, number, number],
    }));
    // Importers store the identity for "no pose": a sequence with no other pose has none.
    const hasPoses = frames.some((f) => !isIdentityPose(f.worldFromLidar));
    // detect per frame, then track: one step each.
    const total = frames.length + 1;
    await ctx.progress(0, total, `detect 0/${frames.length}`);
    const sweep = async (f: (typeof frames)[number]) =>
      (
        await decodePointCloudAsync(
          await blobBytes(deps, f.lidarBlob),
          `frame ${f.name}.${lidarFileExtension(f.lidarFormat)}`,
        )
      ).cloud;
    let labelled: PredictionRun;
    if (plugin.labelSequence) {
      // In process (the built-in pre-labeler): the whole sequence in one call, points and all.
      labelled = await plugin.labelSequence(
        {
          frames: frames.map((f) => ({
            name: f.name,
            timestampS: f.timestampUs / 1e6,
            worldFromLidar: hasPoses ? f.worldFromLidar : null,
            points: async () => {
              const cloud = await sweep(f);
              return { positions: cloud.positions, originM: cloud.originM };
            },
          })),
          classSizes: new Map(stored.detail.classes.map((c) => [c.name, c.defaultSize])),
        },
        (done) => ctx.progress(done, total, `detect ${done}/${frames.length}`),
      );
    } else {
      const tracking: TrackRequest["frames"] = [];
      for (const [k, f] of frames.entries()) {
        const cloud = await sweep(f);
        const frame = {
          name: f.name,
          timestampS: f.timestampUs / 1e6,
          worldFromLidar: hasPoses ? poseToPlugin(f.worldFromLidar) : null,
        };
        const detected = await plugin.detect({
          frame,
          points: pointsToPlugin(cloud.positions, cloud.originM),
          classes,
        });
        tracking.push({ ...frame, boxes: detected.boxes });
        await ctx.progress(k + 1, total, `detect ${k + 1}/${frames.length}`);
      }
      const tracked = await plugin.track({ frames: tracking });
      if (tracked.frames.length !== tracking.length)
        throw new Error(
          `${plugin.label}/track: answered ${tracked.frames.length} frames for the ${tracking.length} sent`,
        );
      const boxes = tracked.frames.flatMap((f, k) => {
        const frame = tracking[k];
        if (!frame) throw new Error(`${plugin.label}/track: answered frame ${k} of ${tracking.length}`);
        return f.boxes.map((b: PluginBox & { trackId: string | number }) => ({
          frame: frame.name,
          trackId: b.trackId,
          class: b.class,
          score: b.score,
          center: b.center,
          size: b.size,
          yaw: b.yaw,
        }));
      });
      labelled = { model: tracked.model, boxes };
    }
    await ctx.progress(total - 1, total, "storing");
    const applied = await applyPredictions(deps, {
      sequenceId,
      run: labelled,
      author: ctx.data.author,
      frameRange,
    });
    if (applied.status === "not-found")
      throw new JobInputError(`sequence ${sequenceId} was deleted during the job`);
    await ctx.progress(total, total);
    return {
      ...applied,
      model: labelled.model,
      plugin: plugin.label,
      frames: frames.length,
    } satisfies PrelabelJobResult;
  });
}
