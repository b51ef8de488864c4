import { z } from "zod";

/**
 * One pre-labelled box as `npm run prelabel` writes it and the native pre-label import reads it:
 * `frame` is the frame's id in the scene, the box is in that frame's lidar coordinates (metres,
 * radians; size is full length, width, height along the box's x, y, z).
 */
export const prelabelBoxSchema = z.object({
  frame: z.string().min(1),
  trackId: z.union([z.string().min(1), z.number().int()]),
  class: z.string().min(1),
  score: z.number().min(0).max(1),
  center: z.tuple([z.number(), z.number(), z.number()]),
  size: z.tuple([z.number().positive(), z.number().positive(), z.number().positive()]),
  yaw: z.number(),
});
export type PrelabelBox = z.infer<typeof prelabelBoxSchema>;

export const prelabelBoxesSchema = z.array(prelabelBoxSchema);
