import { z } from "zod";
import { cameraSensorSchema } from "./CameraSensor";
import { classDefinitionSchema } from "./ClassDefinition";
import { labelledBoxFields } from "./Cuboid";
import { pose3Schema } from "./geometrySchemas";
import { provenanceSchema } from "./Provenance";
import { trackSchema } from "./Track";

/**
 * The project's native on-disk sequence layout (what sample-data writes and the importer reads):
 *
 *   <dir>/sequence.json            this manifest
 *   <dir>/lidar/<frame>.pcd        one sweep per frame, PCD binary, lidar coordinates, metres
 *   <dir>/camera/<camera>/<frame>.jpg
 *
 * Every path in the manifest is relative to <dir> and must stay inside it.
 */
export const NATIVE_FORMAT = "cuboidal-sequence";
export const NATIVE_FORMAT_VERSION = 1;

export const nativeFrameSchema = z.object({
  name: z.string().regex(/^[A-Za-z0-9_.-]+$/),
  timestampUs: z.number().int(),
  worldFromLidar: pose3Schema,
  lidarPath: z.string().min(1),
  /** Camera name → image path, for the cameras that have an image at this frame. */
  imagePaths: z.record(z.string(), z.string().min(1)).default({}),
  /** Cameras calibrated differently at this frame (same names; replace the sequence's here). */
  cameras: z.array(cameraSensorSchema).optional(),
});
export type NativeFrame = z.infer<typeof nativeFrameSchema>;

export const nativeCuboidSchema = z.object({
  frameName: z.string().min(1),
  ...labelledBoxFields,
  /** Who or what made the box (an export keeps it; absent: "imported"). */
  provenance: provenanceSchema.optional(),
  updatedBy: z.string().optional(),
  /** ISO 8601. */
  updatedAt: z.string().optional(),
  /** Ground-truth extras written by the generator; ignored by the importer. */
  groundTruth: z
    .object({
      lidarPointCount: z.number().int().nonnegative(),
      /** Fraction of the object visible to the lidar (0..1). */
      visibility: z.number().min(0).max(1),
      /** Cameras in whose image the box is (partly) visible. */
      visibleInCameras: z.array(z.string()).default([]),
    })
    .optional(),
});
export type NativeCuboid = z.infer<typeof nativeCuboidSchema>;

export const nativeSequenceManifestSchema = z.object({
  format: z.literal(NATIVE_FORMAT),
  formatVersion: z.literal(NATIVE_FORMAT_VERSION),
  name: z.string().min(1),
  lidarName: z.string().min(1).default("lidar"),
  cameras: z.array(cameraSensorSchema),
  classes: z.array(classDefinitionSchema).optional(),
  frames: z.array(nativeFrameSchema).min(1),
  tracks: z.array(trackSchema),
  cuboids: z.array(nativeCuboidSchema),
});
export type NativeSequenceManifest = z.infer<typeof nativeSequenceManifestSchema>;
