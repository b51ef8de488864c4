import { z } from "zod";

/** Why a reviewer rejected a box: a stable code (for data and keys) and a label people read. */
export const errorTypeSchema = z.object({
  code: z
    .string()
    .min(1)
    .max(64)
    .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "lower-case words joined by '-'"),
  label: z.string().trim().min(1).max(100),
});
export type ErrorType = z.infer<typeof errorTypeSchema>;

/** A project's list: 1–50 types, codes unique. */
export const errorTypeListSchema = z
  .array(errorTypeSchema)
  .min(1)
  .max(50)
  .refine((l) => new Set(l.map((e) => e.code)).size === l.length, "error type codes must be unique");

/** Every new project starts with these; a lead may rename, add or remove. The client's catalogue translates by code. */
export const DEFAULT_ERROR_TYPES: readonly ErrorType[] = [
  { code: "missing-object", label: "Missing object" },
  { code: "extra-object", label: "Extra object" },
  { code: "wrong-class", label: "Wrong class" },
  { code: "wrong-attributes", label: "Wrong attributes" },
  { code: "box-too-loose", label: "Box too loose" },
  { code: "box-too-tight", label: "Box too tight" },
  { code: "wrong-heading", label: "Wrong heading" },
  { code: "wrong-position", label: "Wrong position" },
  { code: "wrong-track-id", label: "Wrong track id" },
];
