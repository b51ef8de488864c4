import { z } from "zod";
import { cameraSensorSchema } from "../model/CameraSensor";
import { classDefinitionSchema } from "../model/ClassDefinition";
import { frameSchema } from "../model/Frame";

/** A frame as the API serves it: the model's frame plus the content hashes of its blobs. */
export const frameDetailSchema = frameSchema.extend({
  /** Content hash of the frame's point-cloud file; fetch it at GET /api/blobs/<hash>. */
  lidarBlob: z.string(),
  /** The point-cloud file's format, as the decoders name it (e.g. "pcd", "kitti-bin"). */
  lidarFormat: z.string(),
  /** Camera name → content hash of that camera's image at this frame. */
  imageBlobs: z.record(z.string(), z.string()),
  /**
   * Cameras whose calibration at this frame differs from the sequence's (same name; replaces it
   * for this frame). Absent for almost every source; KITTI object frames each have their own.
   */
  cameras: z.array(cameraSensorSchema).optional(),
});
export type FrameDetail = z.infer<typeof frameDetailSchema>;

/**
 * Where the frames' `worldFromLidar` comes from: the recording ("recorded"), or, for a sequence
 * recorded without poses, the lidar (estimated after import and checked consistent: "estimated").
 * Until then ("pending", "queued") and where the check refused the estimate ("unavailable", with
 * the reason in `note`), frames carry the identity: work happens in lidar coordinates.
 */
export const EGO_POSES_STATES = ["recorded", "pending", "queued", "estimated", "unavailable"] as const;
export type EgoPosesState = (typeof EGO_POSES_STATES)[number];
export const egoPosesSchema = z.object({
  state: z.enum(EGO_POSES_STATES),
  note: z.string().nullable(),
});

/** GET /api/sequences/:id */
export const sequenceDetailSchema = z.object({
  id: z.string(),
  name: z.string(),
  createdAt: z.string(),
  lidarName: z.string(),
  cameras: z.array(cameraSensorSchema),
  classes: z.array(classDefinitionSchema),
  frames: z.array(frameDetailSchema),
  egoPoses: egoPosesSchema,
});
export type SequenceDetail = z.infer<typeof sequenceDetailSchema>;
