import { z } from "zod";
import { cuboidSizeSchema } from "./Cuboid";

export const attributeDefinitionSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("enum"), name: z.string().min(1), values: z.array(z.string().min(1)).min(1) }),
  z.object({ kind: z.literal("boolean"), name: z.string().min(1) }),
]);
export type AttributeDefinition = z.infer<typeof attributeDefinitionSchema>;

/** A project-level object class: its default box for click-to-place and size priors, and its attributes. */
export const classDefinitionSchema = z.object({
  name: z.string().min(1),
  /** Hex colour for drawing, e.g. "#3fa7ff". */
  color: z.string().regex(/^#[0-9a-fA-F]{6}$/),
  defaultSize: cuboidSizeSchema,
  attributes: z.array(attributeDefinitionSchema).default([]),
  /** Keyboard shortcut digit, if any. */
  hotkey: z.string().length(1).optional(),
});
export type ClassDefinition = z.infer<typeof classDefinitionSchema>;
