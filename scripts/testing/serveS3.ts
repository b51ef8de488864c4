import { startS3rver } from "../../server/testing/startS3rver";

// node --import tsx scripts/testing/serveS3.ts DIR PORT — an S3-compatible server (s3rver) over DIR on
// 127.0.0.1:PORT for .ci/run, which hands it to the tests as TEST_S3_ENDPOINT (credentials S3RVER/S3RVER).
// Prints "s3rver ready at URL" and serves until killed.
const [dir, port] = process.argv.slice(2);
if (!dir || !port) {
  console.error("usage: serveS3.ts DIR PORT");
  process.exit(2);
}
const s3 = await startS3rver(dir, Number(port));
console.log(`s3rver ready at ${s3.endpoint}`);
const stop = () => s3.stop().then(() => process.exit(0));
process.once("SIGTERM", stop);
process.once("SIGINT", stop);
