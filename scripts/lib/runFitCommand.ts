import { readFileSync, writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import type { z } from "zod";
import { createSceneRuntime, type SceneRuntime } from "./SceneRuntime";
import { loadScene } from "./loadScene";
import { must } from "../../core/model/must";

export class InputFileError extends Error {
  constructor(path: string, reason: string) {
    super(`${path}: ${reason}`);
    this.name = "InputFileError";
  }
}

/** Reads and validates a JSON input file; errors name the file and the failing entry. */
export function readJsonFile<T>(path: string, schema: z.ZodType<T>): T {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    throw new InputFileError(path, `not readable JSON (${(error as Error).message})`);
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issue = must(parsed.error.issues[0], "parsed.error.issues[0]");
    throw new InputFileError(
      path,
      `at ${issue.path.map((p) => `[${String(p)}]`).join("") || "top level"}: ${issue.message}`,
    );
  }
  return parsed.data;
}

/**
 * The shared shell of the autofit / propagate / interpolate commands:
 * `--scene DIR [--sequence SEQ] --<input> FILE.json --out OUT.json` (SEQ: KITTI tracking only); prints one summary line, exits 2 on bad usage, 1 on bad input.
 */
export function runFitCommand<T>(
  usage: string,
  inputFlag: string,
  schema: z.ZodType<T>,
  run: (rt: SceneRuntime, input: T) => unknown[],
): void {
  const { values } = parseArgs({
    options: {
      scene: { type: "string" },
      sequence: { type: "string" },
      [inputFlag]: { type: "string" },
      out: { type: "string" },
    },
  });
  const sequence = values.sequence as string | undefined;
  const scene = values.scene as string | undefined;
  const input = values[inputFlag] as string | undefined;
  const out = values.out as string | undefined;
  if (!scene || !input || !out) {
    console.error(`usage: ${usage}`);
    process.exit(2);
  }
  try {
    const started = performance.now();
    const rt = createSceneRuntime(loadScene(scene, sequence === undefined ? {} : { sequence }));
    const boxes = run(rt, readJsonFile(input, schema));
    writeFileSync(out, `${JSON.stringify(boxes, null, 2)}\n`);
    console.log(`${out}: ${boxes.length} boxes in ${((performance.now() - started) / 1000).toFixed(2)} s`);
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }
}
