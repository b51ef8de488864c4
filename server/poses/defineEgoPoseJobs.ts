import * as Comlink from "comlink";
import { isIdentityPose, type Pose3 } from "../../core/geometry/pose";
import { startTsWorker } from "../compute/startTsWorker";
import { blobBytes } from "../export/exportFiles";
import { lidarFileExtension } from "../export/lidarFileExtension";
import type { JobQueue } from "../jobs/createJobQueue";
import { JobInputError } from "../jobs/JobInputError";
import type { ServerDeps } from "../ServerDeps";
import type { EgoPoseWorkerApi } from "./egoPoseWorker";

export const EGO_POSES_JOB = "ego-poses";

export interface EgoPosesJobInput {
  sequenceId: string;
}

export interface EgoPosesJobResult {
  state: "estimated" | "unavailable";
  /** Why the estimate was refused; null when estimated. */
  note: string | null;
  frames: number;
}

/** Who queues the estimates: no person asked for them. */
const SYSTEM_OWNER = "system";

/** Whether a sequence's recorded poses are "none" (every frame the identity, as importers store it). */
export function needsEstimatedPoses(poses: readonly Pose3[]): boolean {
  return poses.length >= 2 && poses.every(isIdentityPose);
}

/**
 * The ego-pose job: for a sequence recorded without poses, estimates the ego motion between
 * consecutive sweeps (createEgoPoseEstimator: each step both ways, checked), holding two sweeps at a
 * time, in a worker thread of its own (egoPoseWorker.ts): this thread only reads the sweeps' blobs,
 * so the server keeps answering saves while a long sequence is estimated. Stores the chained poses beside the recorded ones and marks the
 * sequence "estimated" when every step passed, or "unavailable" with the first failed step (then
 * the tool keeps working in lidar coordinates). One write at the end: nothing half-estimated shows.
 */
export function defineEgoPoseJobs(deps: ServerDeps, queue: JobQueue): void {
  queue.define<EgoPosesJobInput>(EGO_POSES_JOB, async (ctx) => {
    const { sequenceId } = ctx.data;
    const { db } = deps.store;
    const frames = await db
      .selectFrom("frames")
      .select(["frame_index", "name", "timestamp_us", "lidar_blob", "lidar_format"])
      .where("sequence_id", "=", sequenceId)
      .orderBy("frame_index")
      .execute();
    if (frames.length === 0) throw new JobInputError(`sequence ${sequenceId} has no frames (deleted?)`);
    const worker = startTsWorker<EgoPoseWorkerApi>(new URL("./egoPoseWorker.ts", import.meta.url));
    try {
      await worker.api.begin(frames.length);
      await ctx.progress(0, frames.length - 1, "estimating the ego motion");
      for (const [k, f] of frames.entries()) {
        const bytes = await blobBytes(deps, f.lidar_blob);
        const dtS = k === 0 ? 0 : (Number(f.timestamp_us) - Number(frames[k - 1]?.timestamp_us)) / 1e6;
        await worker.api.add(
          Comlink.transfer(bytes, [bytes.buffer]),
          `frame ${f.name}.${lidarFileExtension(f.lidar_format)}`,
          dtS,
        );
        if (k > 0) await ctx.progress(k, frames.length - 1);
      }
      const { poses, check } = await worker.api.finish();
      await db.transaction().execute(async (tx) => {
        if (poses)
          for (const [k, pose] of poses.entries())
            await tx
              .updateTable("frames")
              .set({ estimated_world_from_lidar: JSON.stringify(pose) })
              .where("sequence_id", "=", sequenceId)
              .where("frame_index", "=", k)
              .execute();
        await tx
          .updateTable("sequences")
          .set({ ego_poses: poses ? "estimated" : "unavailable", ego_poses_note: check.reason })
          .where("id", "=", sequenceId)
          .execute();
      });
      return {
        state: poses ? "estimated" : "unavailable",
        note: check.reason,
        frames: frames.length,
      } satisfies EgoPosesJobResult;
    } catch (e) {
      await db
        .updateTable("sequences")
        .set({ ego_poses: "unavailable", ego_poses_note: `the estimate failed: ${(e as Error).message}` })
        .where("id", "=", sequenceId)
        .where("ego_poses", "=", "queued")
        .execute();
      throw e;
    } finally {
      await worker.close();
    }
  });
}

/**
 * Queues the estimate of every sequence marked pending (at import, or by the migration for those
 * stored before), each claimed by one server: the claim and the state change are one statement.
 * Returns how many were queued.
 */
export async function queuePendingEgoPoses(
  deps: Pick<ServerDeps, "store"> & { jobs: JobQueue },
): Promise<number> {
  const claimed = await deps.store.db
    .updateTable("sequences")
    .set({ ego_poses: "queued" })
    .where("ego_poses", "=", "pending")
    .returning(["id", "project_id"])
    .execute();
  for (const s of claimed)
    await deps.jobs.send(EGO_POSES_JOB, { sequenceId: s.id } satisfies EgoPosesJobInput, {
      projectId: s.project_id,
      sequenceId: s.id,
      userId: SYSTEM_OWNER,
    });
  return claimed.length;
}
