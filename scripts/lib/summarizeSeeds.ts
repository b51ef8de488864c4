import type { QaEvaluation } from "./evaluateQa";
import { median } from "../../core/qa/median";
import { must } from "../../core/model/must";

/** The targets of issue 13: catch at least this share of seeded errors… */
export const QA_TARGET_CATCH = 0.95;
/** …flagging at most this share of the correct boxes. */
export const QA_TARGET_FALSE = 0.05;

/** `--seeds` as a range `1-10` or a list `1,4,9` of whole numbers. */
export function parseSeeds(text: string): { seeds: number[] } | { problem: string } {
  const range = /^(\d+)-(\d+)$/.exec(text.trim());
  const seeds = range
    ? Array.from(
        { length: Math.max(0, Number(range[2]) - Number(range[1]) + 1) },
        (_, i) => Number(range[1]) + i,
      )
    : text.split(",").map((s) => Number(s.trim()));
  if (seeds.length === 0 || seeds.some((s) => !Number.isInteger(s) || s < 0))
    return { problem: `expected a range like 1-10 or a list like 1,4,9 of whole numbers, got "${text}"` };
  return { seeds };
}

export interface SeedSummary {
  scene: string;
  seeds: number[];
  catchRate: { min: number; median: number; max: number };
  falseFlagRate: { min: number; median: number; max: number };
  /** Seeds where catch < 95% or false flags > 5%. */
  seedsMissingTargets: number[];
}

const spread = (values: number[]) => ({
  min: Number(Math.min(...values).toFixed(4)),
  median: Number(median(values).toFixed(4)),
  max: Number(Math.max(...values).toFixed(4)),
});

/** The rates of one scene's runs over several seeds (`runs[i]` ran with `seeds[i]`). */
export function summarizeSeeds(scene: string, seeds: number[], runs: readonly QaEvaluation[]): SeedSummary {
  return {
    scene,
    seeds,
    catchRate: spread(runs.map((e) => e.catchRate)),
    falseFlagRate: spread(runs.map((e) => e.falseFlagRate)),
    seedsMissingTargets: seeds.filter(
      (_, i) =>
        must(runs[i], "runs[i]").catchRate < QA_TARGET_CATCH ||
        must(runs[i], "runs[i]").falseFlagRate > QA_TARGET_FALSE,
    ),
  };
}
