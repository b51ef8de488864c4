import { z } from "zod";
import { taskJsonSchema } from "./review";

/** GET /api/tasks/mine: a task the caller labels or reviews, with the names the queue shows. */
export const myTaskSchema = taskJsonSchema.extend({
  sequenceName: z.string(),
  projectName: z.string(),
  /** The caller's part in it: labelling wins when they are both. */
  myPart: z.enum(["labeling", "review"]),
});
export type MyTask = z.infer<typeof myTaskSchema>;
