import { z } from "zod";
import { attributeValuesSchema } from "./Cuboid";

export const trackSchema = z.object({
  trackId: z.string().min(1),
  className: z.string().min(1),
  attributes: attributeValuesSchema,
});
export type Track = z.infer<typeof trackSchema>;
