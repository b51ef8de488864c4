import { parseArgs } from "node:util";
import { type EvaluateQaOptions, evaluateQa } from "./lib/evaluateQa";
import { parseSeeds, summarizeSeeds } from "./lib/summarizeSeeds";
import { loadScene } from "./lib/loadScene";
import { createSceneRuntime } from "./lib/SceneRuntime";

/**
 * npm run -s eval:qa -- --scene DIR [--sequence SEQ] [--seed N | --seeds A-B] [--trials N] [--verbose]
 * Seeds typical reviewer findings into DIR's labels (fixed seed), runs the QA checks and prints,
 * per kind and overall, the catch rate (seeded errors with a finding on their track at their frame)
 * and the false-flag rate (untouched boxes with any finding); the last line is one JSON object.
 * With --seeds A-B (or a list, `1,4,9`) it runs every seed, prints one line per seed and a summary
 * JSON line: min, median and max of both rates over the seeds, and the seeds missing the targets.
 */
const { values } = parseArgs({
  options: {
    scene: { type: "string" },
    sequence: { type: "string" },
    seed: { type: "string", default: "13" },
    seeds: { type: "string" },
    trials: { type: "string", default: "3" },
    verbose: { type: "boolean", default: false },
  },
});
if (!values.scene) {
  console.error(
    "usage: npm run -s eval:qa -- --scene DIR [--sequence SEQ] [--seed N | --seeds A-B] [--trials N] [--verbose]",
  );
  process.exit(2);
}
const seed = Number(values.seed);
const trials = Number(values.trials);
if (!Number.isInteger(seed) || !Number.isInteger(trials) || trials < 1) {
  console.error(
    `--seed and --trials take whole numbers (trials ≥ 1), got ${values.seed} and ${values.trials}`,
  );
  process.exit(2);
}
const options: EvaluateQaOptions = { seed, trials };
const seeds = values.seeds === undefined ? null : parseSeeds(values.seeds);
if (seeds && "problem" in seeds) {
  console.error(`--seeds: ${seeds.problem}`);
  process.exit(2);
}
try {
  const rt = createSceneRuntime(
    loadScene(values.scene, values.sequence === undefined ? {} : { sequence: values.sequence }),
  );
  if (seeds) {
    const runs = seeds.seeds.map((seed) => {
      const e = evaluateQa(rt, { ...options, seed });
      const missed = Object.entries(e.perKind).flatMap(([kind, s]) => s.missed.map((m) => `${kind}: ${m}`));
      console.log(
        `seed ${String(seed).padStart(3)}  catch ${(100 * e.catchRate).toFixed(1).padStart(5)}%  false ${(100 * e.falseFlagRate).toFixed(1).padStart(4)}%${values.verbose && missed.length > 0 ? `\n  missed ${missed.join("\n  missed ")}` : ""}`,
      );
      return e;
    });
    console.log(JSON.stringify(summarizeSeeds(rt.scene.dir, seeds.seeds, runs)));
    process.exit(0);
  }
  const e = evaluateQa(rt, options);
  const pct = (v: number) => `${(100 * v).toFixed(1)}%`.padStart(7);
  console.log(
    `scene ${e.scene} (${rt.scene.layout}, ego poses: ${{ scene: "from the scene", estimated: "estimated from the lidar", none: "none (lidar frame)" }[rt.posesSource]})`,
  );
  console.log(`${"seeded kind".padEnd(14)} caught  seeded   catch  false flags (untouched boxes)`);
  for (const [kind, s] of Object.entries(e.perKind))
    console.log(
      `${kind.padEnd(14)} ${String(s.caught).padStart(6)} ${String(s.seeded).padStart(7)} ${pct(s.caught / Math.max(1, s.seeded))}  ${pct(s.falselyFlagged / Math.max(1, s.correctBoxes))} (${s.falselyFlagged}/${s.correctBoxes}) ${JSON.stringify(s.falseFlagKinds)}`,
    );
  if (values.verbose)
    for (const [kind, s] of Object.entries(e.perKind))
      for (const m of s.missed) console.log(`missed ${kind}: ${m}`);
  console.log(`${"overall".padEnd(14)} ${" ".repeat(14)} ${pct(e.catchRate)}  ${pct(e.falseFlagRate)}`);
  console.log(
    `real labels alone: ${e.clean.flagged} of ${e.clean.boxes} boxes with a finding (${pct(e.clean.rate).trim()}): ${JSON.stringify(e.clean.byKind)}`,
  );
  console.log(
    JSON.stringify({
      scene: e.scene,
      catchRate: Number(e.catchRate.toFixed(4)),
      falseFlagRate: Number(e.falseFlagRate.toFixed(4)),
      cleanFalseFlagRate: Number(e.clean.rate.toFixed(4)),
      perKind: e.perKind,
    }),
  );
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
