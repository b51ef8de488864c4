import { runPropagate, seedsSchema } from "./lib/fitCommands";
import { runFitCommand } from "./lib/runFitCommand";

/**
 * npm run -s propagate -- --scene DIR --seeds SEEDS.json --out OUT.json — each seed's track in
 * every other frame propagation can follow, both ways; the frame where it stopped has `needsReview`.
 */
runFitCommand(
  "npm run -s propagate -- --scene DIR --seeds SEEDS.json --out OUT.json",
  "seeds",
  seedsSchema,
  (rt, seeds) => runPropagate(rt, seeds),
);
