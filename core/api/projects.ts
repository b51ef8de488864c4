import { z } from "zod";
import { classDefinitionSchema } from "../model/ClassDefinition";

/** A project as GET/POST/PATCH /api/projects answer it, with its class catalogue. */
export const projectSchema = z.object({
  id: z.string(),
  name: z.string(),
  classes: z.array(classDefinitionSchema),
  createdAt: z.string(),
});
export type Project = z.infer<typeof projectSchema>;

export const projectRoleSchema = z.enum(["admin", "lead", "annotator", "reviewer", "viewer"]);

/** GET /api/projects/{id}/members: one member and their role. */
export const memberSchema = z.object({
  userId: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: projectRoleSchema,
});
export type Member = z.infer<typeof memberSchema>;
