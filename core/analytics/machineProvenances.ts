import { isMachineProvenance, type Provenance, provenanceSchema } from "../model/Provenance";

/** The provenances that mean "made by the machine", as a list for SQL (`provenance in (...)`). */
export const MACHINE_PROVENANCES: readonly Provenance[] =
  provenanceSchema.options.filter(isMachineProvenance);
