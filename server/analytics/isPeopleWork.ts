import { type RawBuilder, sql } from "kysely";
import { PREDICTION_BATCH_PREFIX } from "../prelabel/predictionBatchId";

/**
 * Whether a batch (by its id column) is people's work for the analytics: not an import (`import:…`)
 * and not a model's run stored as pre-labels (`predictions:…`), which a lead starts with one click.
 * Those boxes count for progress, never for the person who started them (a pre-label run of 3,302
 * boxes showed as the lead's 3,302 boxes finished and a work stretch).
 */
export const isPeopleWork = (batchId: RawBuilder<unknown>): RawBuilder<boolean> =>
  sql<boolean>`(${batchId} not like 'import:%' and ${batchId} not like ${`${PREDICTION_BATCH_PREFIX}%`})`;
