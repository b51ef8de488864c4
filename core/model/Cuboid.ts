import { z } from "zod";
import { vec3Schema } from "./geometrySchemas";
import { predictionSourceSchema } from "./PredictionSource";
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

/** Residuals of a box fit (workers/fit): kept with the box so review can sort and show them. */
export const fitResidualSchema = z.object({
  /** Mean distance of the object's points to the box's nearest edge, metres (BEV). */
  meanEdgeDistanceM: z.number().nonnegative().optional(),
  /** Share of the object's points more than 0.2 m outside the box, 0..1. */
  outsideShare: z.number().min(0).max(1).optional(),
  /** Object points the fit used. */
  pointCount: z.number().int().nonnegative().optional(),
  /** How far the fit moved from the motion model's prediction, metres (propagation). */
  correctionM: z.number().nonnegative().optional(),
});
export type FitResidual = z.infer<typeof fitResidualSchema>;

export const cuboidSchema = z.object({
  id: z.string().min(1),
  frameIndex: z.number().int().nonnegative(),
  ...labelledBoxFields,
  provenance: provenanceSchema,
  /**
   * Set by a machine step where its confidence dropped (propagation: "too few points",
   * "large residual", "jump"): the reason, for review to sort by. A person's edit clears it.
   */
  needsReview: z.string().min(1).max(200).optional(),
  /** How well the machine's fit explained the object's points, when a fit made the box. */
  fitResidual: fitResidualSchema.optional(),
  /** Set when a model's prediction made the box (server/prelabel/applyPredictions); kept through edits. */
  prediction: predictionSourceSchema.optional(),
  updatedBy: z.string().default("system"),
  /** ISO 8601. */
  updatedAt: z.string().optional(),
});
export type Cuboid = z.infer<typeof cuboidSchema>;
