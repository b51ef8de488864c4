import path from "node:path";
import { parseArgs } from "node:util";
import { openBlobStore } from "../server/blobs/openBlobStore";
import { openDatabase } from "../server/db/openDatabase";
import { EXPORT_FORMATS, type ExportFormat, exportSequence } from "../server/export/exportSequence";

// npm run -s export -- --sequence ID --format openlabel|nuscenes|kitti-object|kitti-tracking|sustech|native --out DIR
// Writes the sequence's current annotations (with its sweeps, images and calibration) in that
// layout; progress (frames written) goes to stderr. The last stdout line is
// {"sequenceId","format","frames","cuboids","skipped"}.
const USAGE = `usage: npm run -s export -- --sequence ID --format ${EXPORT_FORMATS.join("|")} --out DIR`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { sequence: { type: "string" }, format: { type: "string" }, out: { type: "string" } },
  });
  if (!values.sequence || !values.out || !values.format) throw new Error(USAGE);
  if (!EXPORT_FORMATS.includes(values.format as ExportFormat))
    throw new Error(`unknown --format ${values.format}; ${USAGE}`);
  const dataDir = path.resolve(process.env.DATA_DIR || "./data");
  const store = await openDatabase({ dataDir, databaseUrl: process.env.DATABASE_URL || undefined });
  try {
    const result = await exportSequence(
      { store, blobs: openBlobStore(process.env.BLOB_URL, dataDir, process.env) },
      values.sequence,
      values.format as ExportFormat,
      path.resolve(values.out),
      (done, total) => {
        if (done === total || done % Math.ceil(total / 10) === 0)
          process.stderr.write(`frames ${done}/${total}\n`);
      },
    );
    for (const s of result.skipped) process.stderr.write(`skipped ${s}\n`);
    console.log(JSON.stringify(result));
  } finally {
    await store.close();
  }
}

main().catch((e: unknown) => {
  console.error(`export failed: ${(e instanceof Error ? e.message : String(e)).split("\n")[0]}`);
  process.exit(1);
});
