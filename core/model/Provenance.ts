import { z } from "zod";

/** Who or what made a cuboid's current state. The timeline and review distinguish machine from human work. */
export const provenanceSchema = z.enum([
  "human",
  "auto-fit",
  "propagated",
  "interpolated",
  "imported",
  "model",
]);
export type Provenance = z.infer<typeof provenanceSchema>;

export const isMachineProvenance = (p: Provenance): boolean =>
  p === "auto-fit" || p === "propagated" || p === "interpolated" || p === "model";
