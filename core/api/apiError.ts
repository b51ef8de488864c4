import { z } from "zod";

/** Every error reply of the API: a stable machine-readable code and a sentence for people. */
export const apiErrorSchema = z.object({ error: z.string(), message: z.string() });
export type ApiErrorJson = z.infer<typeof apiErrorSchema>;
