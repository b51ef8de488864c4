import { keyframesSchema, runInterpolate } from "./lib/fitCommands";
import { runFitCommand } from "./lib/runFitCommand";

/** npm run -s interpolate -- --scene DIR --keyframes KEYS.json --out OUT.json — every frame between each track's first and last keyframe. */
runFitCommand(
  "npm run -s interpolate -- --scene DIR --keyframes KEYS.json --out OUT.json",
  "keyframes",
  keyframesSchema,
  runInterpolate,
);
