import { readFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { PREDICTION_FORMATS, type PredictionFormat } from "../core/formats/PredictionFile";
import { parseModelId } from "../core/prelabel/PredictionRun";
import { writeAudit } from "../server/audit/writeAudit";
import { openDatabase } from "../server/db/openDatabase";
import { importPredictionFiles } from "../server/prelabel/importPredictionFiles";

// npm run -s import-predictions -- --sequence ID --file F [--file F2 …] --model NAME@VERSION
//   [--format auto|native|nuscenes|kitti] [--task ID]
// Stores a model's predictions as pre-labels of a sequence in the store of DATA_DIR (default ./data)
// or DATABASE_URL, as one batch (see server/prelabel/applyPredictions.ts). KITTI takes one file a
// frame, named after it, or one tracking-style file. The last stdout line is the JSON result
// ({status, revision, added, replaced, keptTouched, skippedOverlap, skippedOutsideRange}); any
// failure: one line on stderr, exit code 1.
const USAGE =
  "usage: npm run -s import-predictions -- --sequence ID --file F [--file F2 ...] --model NAME@VERSION [--format auto|native|nuscenes|kitti] [--task ID]";

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      sequence: { type: "string" },
      file: { type: "string", multiple: true },
      model: { type: "string" },
      format: { type: "string", default: "auto" },
      task: { type: "string" },
    },
  });
  if (!values.sequence || !values.file?.length || !values.model) throw new Error(USAGE);
  const format = values.format as PredictionFormat | "auto";
  if (format !== "auto" && !PREDICTION_FORMATS.includes(format))
    throw new Error(`--format ${values.format}: expected auto, ${PREDICTION_FORMATS.join(", ")}`);
  const model = parseModelId(values.model);
  const files = values.file.map((f) => ({ name: path.basename(f), text: readFileSync(f, "utf8") }));
  const dataDir = path.resolve(process.env.DATA_DIR || "./data");
  const store = await openDatabase({ dataDir, databaseUrl: process.env.DATABASE_URL || undefined });
  try {
    const author = `cli:${process.env.USER ?? "unknown"}`;
    const result = await importPredictionFiles(
      { store },
      {
        sequenceId: values.sequence,
        files,
        format,
        model,
        author,
        ...(values.task ? { taskId: values.task } : {}),
      },
    );
    if (result.status === "not-found") throw new Error(`--sequence ${values.sequence}: no such sequence`);
    await writeAudit(store, {
      action: "predictions.imported",
      target: `sequence:${values.sequence}`,
      detail: {
        via: "cli",
        model: `${model.name}@${model.version}`,
        revision: result.revision,
        added: result.added,
      },
      actor: { id: null, name: author },
    });
    console.log(JSON.stringify(result));
  } finally {
    await store.close();
  }
}

main().catch((e: unknown) => {
  console.error(`import-predictions failed: ${(e instanceof Error ? e.message : String(e)).split("\n")[0]}`);
  process.exit(1);
});
