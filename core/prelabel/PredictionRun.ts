import { z } from "zod";
import { type PrelabelBox, prelabelBoxSchema } from "./PrelabelBox";

/**
 * One predicted box, as every import format is read into and as the built-in pre-labeler writes it
 * (`npm run prelabel`): `frame` is the frame's name in the sequence, the box is in that frame's
 * lidar coordinates (metres, radians).
 */
export type PredictedBox = PrelabelBox;
export const predictedBoxSchema = prelabelBoxSchema;

/** A model's name and version: "name@version" on the command line. */
export const modelIdSchema = z.object({
  name: z.string().trim().min(1).max(100),
  version: z.string().trim().min(1).max(100),
});
export type ModelId = z.infer<typeof modelIdSchema>;

/** One run of one model over a sequence: what applyPredictions stores as pre-labels. */
export const predictionRunSchema = z.object({
  model: modelIdSchema,
  boxes: z.array(predictedBoxSchema).max(200_000),
});
export type PredictionRun = z.infer<typeof predictionRunSchema>;

/** "name@version" → ModelId; the last "@" splits, so a scoped name ("@org/det@2") works. */
export function parseModelId(text: string): ModelId {
  const at = text.lastIndexOf("@");
  const name = at > 0 ? text.slice(0, at).trim() : "";
  const version = at > 0 ? text.slice(at + 1).trim() : "";
  if (!name || !version) throw new Error(`model "${text}": write it as NAME@VERSION, e.g. centerpoint@1.2`);
  return modelIdSchema.parse({ name, version });
}
