import { z } from "zod";
import { pose3Schema } from "./geometrySchemas";

export const frameSchema = z.object({
  /** 0-based position in the sequence; what `?frame=N` addresses. */
  index: z.number().int().nonnegative(),
  /** The frame's name in its source, e.g. "000965". */
  name: z.string().min(1),
  timestampUs: z.number().int(),
  /** Ego pose: lidar coordinates of this frame → the sequence's world coordinates. */
  worldFromLidar: pose3Schema,
});
export type Frame = z.infer<typeof frameSchema>;
