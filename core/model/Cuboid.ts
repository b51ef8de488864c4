import { z } from "zod";
import { vec3Schema } from "./geometrySchemas";
import { provenanceSchema } from "./Provenance";

/** Box size: length along the box's x (heading), width along y, height along z, in metres. */
export const cuboidSizeSchema = z.object({
  lengthM: z.number().positive(),
  widthM: z.number().positive(),
  heightM: z.number().positive(),
});
export type CuboidSize = z.infer<typeof cuboidSizeSchema>;

/**
 * One object in one frame, in that frame's lidar coordinates.
 * Rotation R = Rz(yaw)·Ry(pitch)·Rx(roll); the heading is the box's +x axis.
 */
/** Attribute values by name (enum values, booleans, numbers). */
export const attributeValuesSchema = z
  .record(z.string(), z.union([z.string(), z.number(), z.boolean()]))
  .default({});

/** What a labelled box is, wherever it is stored: track, placement, class and attributes. */
export const labelledBoxFields = {
  trackId: z.string().min(1),
  centerM: vec3Schema,
  size: cuboidSizeSchema,
  yawRad: z.number(),
  pitchRad: z.number().default(0),
  rollRad: z.number().default(0),
  className: z.string().min(1),
  attributes: attributeValuesSchema,
};

export const cuboidSchema = z.object({
  id: z.string().min(1),
  frameIndex: z.number().int().nonnegative(),
  ...labelledBoxFields,
  provenance: provenanceSchema,
  updatedBy: z.string().default("system"),
  /** ISO 8601. */
  updatedAt: z.string().optional(),
});
export type Cuboid = z.infer<typeof cuboidSchema>;
