import { z } from "zod";

/** Who or what made a cuboid's current state. The timeline and review distinguish machine from human work. */
export const provenanceSchema = z.enum([
  "human",
  "auto-fit",
  "propagated",
  "interpolated",
  "imported",
  "model",
  /** A one-click QA fix a person chose (core/qa/fixes): machine-computed, person-approved, so not machine work. */
  "qa-fix",
  /** A reviewer's own correction while reviewing: a person's work, told apart from the labeler's. */
  "review",
]);
export type Provenance = z.infer<typeof provenanceSchema>;

export const isMachineProvenance = (p: Provenance): boolean =>
  p === "auto-fit" || p === "propagated" || p === "interpolated" || p === "model";
