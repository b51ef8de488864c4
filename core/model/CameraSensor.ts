import { z } from "zod";
import { pose3Schema } from "./geometrySchemas";

/** Pinhole intrinsics in pixels (OpenCV convention: x right, y down, z forward). */
export const pinholeIntrinsicsSchema = z.object({
  fxPx: z.number().positive(),
  fyPx: z.number().positive(),
  cxPx: z.number(),
  cyPx: z.number(),
  skew: z.number().default(0),
});
export type PinholeIntrinsics = z.infer<typeof pinholeIntrinsicsSchema>;

/**
 * Lens distortion. Brown–Conrady as OpenCV's radial-tangential model (k1,k2,p1,p2,k3 and the
 * rational model's k4,k5,k6, which divide the radial term); Kannala–Brandt as OpenCV fisheye (k1..k4).
 */
export const distortionSchema = z.discriminatedUnion("model", [
  z.object({ model: z.literal("none") }),
  z.object({
    model: z.literal("brown-conrady"),
    k1: z.number(),
    k2: z.number(),
    p1: z.number(),
    p2: z.number(),
    k3: z.number().default(0),
    k4: z.number().optional(),
    k5: z.number().optional(),
    k6: z.number().optional(),
  }),
  z.object({
    model: z.literal("kannala-brandt"),
    k1: z.number(),
    k2: z.number(),
    k3: z.number(),
    k4: z.number(),
  }),
]);
export type Distortion = z.infer<typeof distortionSchema>;

export const cameraSensorSchema = z.object({
  /** Stable name within the sequence, e.g. "front". */
  name: z.string().min(1),
  imageWidthPx: z.number().int().positive(),
  imageHeightPx: z.number().int().positive(),
  intrinsics: pinholeIntrinsicsSchema,
  distortion: distortionSchema,
  /** Extrinsics: a point in lidar coordinates → camera (optical) coordinates. */
  cameraFromLidar: pose3Schema,
});
export type CameraSensor = z.infer<typeof cameraSensorSchema>;
