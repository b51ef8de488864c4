/**
 * Batch ids of prediction imports start with this. The operation log tells a box only machine
 * imports wrote (untouched, a re-import may replace it) from one a person's batch wrote, by it;
 * the batches route refuses client batches that use it.
 */
export const PREDICTION_BATCH_PREFIX = "predictions:";

export const isPredictionBatchId = (batchId: string): boolean => batchId.startsWith(PREDICTION_BATCH_PREFIX);
