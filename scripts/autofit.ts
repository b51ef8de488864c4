import { clicksSchema, runAutofit } from "./lib/fitCommands";
import { runFitCommand } from "./lib/runFitCommand";

/** npm run -s autofit -- --scene DIR --clicks CLICKS.json --out OUT.json — one box per click, in order. */
runFitCommand(
  "npm run -s autofit -- --scene DIR --clicks CLICKS.json --out OUT.json",
  "clicks",
  clicksSchema,
  runAutofit,
);
