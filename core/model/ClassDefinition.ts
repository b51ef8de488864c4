import { z } from "zod";
import { cuboidSizeSchema } from "./Cuboid";

/**
 * Display names per UI language (BCP 47 tag → name), e.g. `{ "zh-CN": "行人" }`. The canonical
 * `name` stays the identity in annotations and exports; these only change what the UI shows.
 */
export const displayNamesSchema = z.record(
  z.string().regex(/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/, "a language tag such as zh-CN"),
  z
    .string()
    .trim()
    .min(1)
    .max(100)
    .regex(/^[^\p{Cc}]*$/u, "control characters are not allowed"),
);
export type DisplayNames = z.infer<typeof displayNamesSchema>;

export const attributeDefinitionSchema = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("enum"),
    name: z.string().min(1),
    values: z.array(z.string().min(1)).min(1),
    displayNames: displayNamesSchema.optional(),
    /** Per value: language → display name, e.g. `{ parked: { "zh-CN": "停放" } }`. */
    valueDisplayNames: z.record(z.string(), displayNamesSchema).optional(),
  }),
  z.object({
    kind: z.literal("boolean"),
    name: z.string().min(1),
    displayNames: displayNamesSchema.optional(),
  }),
]);
export type AttributeDefinition = z.infer<typeof attributeDefinitionSchema>;

/** A project-level object class: its default box for click-to-place and size priors, and its attributes. */
export const classDefinitionSchema = z.object({
  name: z.string().min(1),
  displayNames: displayNamesSchema.optional(),
  /** Hex colour for drawing, e.g. "#3fa7ff". */
  color: z.string().regex(/^#[0-9a-fA-F]{6}$/),
  defaultSize: cuboidSizeSchema,
  attributes: z.array(attributeDefinitionSchema).default([]),
  /** Keyboard shortcut digit, if any. */
  hotkey: z.string().length(1).optional(),
});
export type ClassDefinition = z.infer<typeof classDefinitionSchema>;

/** The name to show in `language` ("zh-CN"; a bare "zh" also matches), else the canonical name. */
export function displayNameIn(
  item: { name: string; displayNames?: DisplayNames | undefined },
  language: string,
): string {
  const names = item.displayNames;
  if (!names) return item.name;
  return names[language] ?? names[language.split("-")[0] ?? language] ?? item.name;
}
