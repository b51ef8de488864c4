import type { Cuboid } from "../model/Cuboid";

export type PendingPrediction = Cuboid & { prediction: NonNullable<Cuboid["prediction"]> };

/** A model's pre-label nobody has accepted, changed or rejected yet (provenance still "model"). */
export const isPendingPrediction = (c: Cuboid): c is PendingPrediction =>
  c.provenance === "model" && c.prediction !== undefined;
