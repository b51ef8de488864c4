import path from "node:path";
import { parseArgs } from "node:util";
import { openBlobStore } from "../server/blobs/openBlobStore";
import { openDatabase } from "../server/db/openDatabase";
import { writeAudit } from "../server/audit/writeAudit";
import { importSequence } from "../server/import/importSequence";
import { must } from "../core/model/must";

// npm run -s import -- PATH [--name NAME] [--project ID] [--source-key KEY] [--kitti-sequence 0000]
// Imports a sequence folder (native, SUSTechPOINTS scene, KITTI object or tracking) into the store of
// DATA_DIR (default ./data) or DATABASE_URL. Progress goes to stderr; the last stdout line is
// {"sequenceId","frames","cuboids","tracks"}. Any failure: one line on stderr, exit code 1. The sequence
// joins the Default project unless --project names another; the audit log records the import.
const USAGE =
  "usage: npm run -s import -- PATH [--name NAME] [--project ID] [--source-key KEY] [--kitti-sequence SEQ]";

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      name: { type: "string" },
      project: { type: "string" },
      "source-key": { type: "string" },
      "kitti-sequence": { type: "string" },
    },
  });
  if (positionals.length !== 1) throw new Error(USAGE);
  const dataDir = path.resolve(process.env.DATA_DIR || "./data");
  const store = await openDatabase({ dataDir, databaseUrl: process.env.DATABASE_URL || undefined });
  try {
    if (
      values.project &&
      !(await store.db
        .selectFrom("projects")
        .select("id")
        .where("id", "=", values.project)
        .executeTakeFirst())
    )
      throw new Error(`--project ${values.project}: no such project (GET /api/projects lists them)`);
    let lastPhase = "";
    const result = await importSequence(
      { store, blobs: openBlobStore(process.env.BLOB_URL, dataDir, process.env) },
      path.resolve(must(positionals[0], "the folder to import")),
      {
        ...(values.name ? { name: values.name } : {}),
        ...(values.project ? { projectId: values.project } : {}),
        ...(values["source-key"] ? { sourceKey: values["source-key"] } : {}),
        ...(values["kitti-sequence"] ? { kittiSequence: values["kitti-sequence"] } : {}),
        onProgress: (p) => {
          const line = p.phase === "blobs" ? `storing files ${p.done}/${p.total}` : p.phase;
          if (p.phase !== lastPhase || (p.phase === "blobs" && p.done === p.total))
            process.stderr.write(`${line}\n`);
          lastPhase = p.phase;
        },
      },
    );
    await writeAudit(store, {
      action: "sequence.imported",
      target: `sequence:${result.sequenceId}`,
      detail: {
        via: "cli",
        source: path.resolve(must(positionals[0], "the folder to import")),
        projectId: values.project ?? "default",
      },
      actor: { id: null, name: `cli:${process.env.USER ?? "unknown"}` },
    });
    console.log(JSON.stringify(result));
  } finally {
    await store.close();
  }
}

main().catch((e: unknown) => {
  console.error(`import failed: ${(e instanceof Error ? e.message : String(e)).split("\n")[0]}`);
  process.exit(1);
});
