import { z } from "zod";

export const trackSchema = z.object({
  trackId: z.string().min(1),
  className: z.string().min(1),
  attributes: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).default({}),
});
export type Track = z.infer<typeof trackSchema>;
