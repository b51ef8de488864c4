import { existsSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { migrateBlobs } from "../server/blobs/migrateBlobs";
import { openBlobStore } from "../server/blobs/openBlobStore";

// npm run -s blobs:migrate -- --from DATA_DIR/blobs --to s3://bucket/prefix
// Copies a local blob folder into object storage (or another folder), with the endpoint and
// credentials of the usual variables (AWS_ENDPOINT_URL or S3_ENDPOINT, AWS_ACCESS_KEY_ID,
// AWS_SECRET_ACCESS_KEY, AWS_REGION, S3_FORCE_PATH_STYLE). Safe to rerun: blobs already there are
// skipped; every copy is checked by hash and size. Progress on stderr; the last stdout line is the
// report as JSON. Exit 1 on any failure or corrupt file, with one line on stderr.
const USAGE = "usage: npm run -s blobs:migrate -- --from <blob folder> --to s3://bucket/prefix";

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { from: { type: "string" }, to: { type: "string" } } });
  if (!values.from || !values.to) throw new Error(USAGE);
  const from = path.resolve(values.from);
  if (!existsSync(from)) throw new Error(`--from ${from} does not exist`);
  const target = openBlobStore(values.to, "", process.env);
  await target.check();
  let shown = -1;
  const report = await migrateBlobs(from, target, (done, total) => {
    const tenth = Math.floor((done / total) * 10);
    if (tenth !== shown || done === total) process.stderr.write(`blobs ${done}/${total}\n`);
    shown = tenth;
  });
  console.log(JSON.stringify({ from, to: target.location, ...report }));
  if (report.corrupt.length > 0)
    throw new Error(
      `${report.corrupt.length} file(s) do not match their hash and were not copied: ${report.corrupt[0]}`,
    );
}

main().catch((e: unknown) => {
  console.error(`blobs:migrate failed: ${(e instanceof Error ? e.message : String(e)).split("\n")[0]}`);
  process.exit(1);
});
