/**
 * `npm run fetch:test-data [-- --base URL]`: downloads the third-party recordings the real-data tests
 * read, pinned by repository, commit and sha-256 in scripts/testing/realData.manifest.tsv, into
 * CUBOIDAL_TEST_DATA (default ../shared/data). Files already there with the right hash are kept.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { fetchRealData, parseRealDataManifest } from "./testing/fetchRealData";
import { REAL_DATA_DIR } from "./testing/realData";

const MANIFEST = path.join(import.meta.dirname, "testing", "realData.manifest.tsv");

async function main(): Promise<number> {
  const at = process.argv.indexOf("--base");
  const base =
    at > 0
      ? process.argv[at + 1]
      : (process.env.CUBOIDAL_TEST_DATA_URL ?? "https://raw.githubusercontent.com");
  if (!base) {
    process.stderr.write("usage: npm run fetch:test-data [-- --base URL]\n");
    return 2;
  }
  try {
    const entries = parseRealDataManifest(readFileSync(MANIFEST, "utf8"), MANIFEST);
    const { fetched, present } = await fetchRealData(entries, REAL_DATA_DIR, base, (l) =>
      process.stdout.write(`${l}\n`),
    );
    process.stdout.write(
      `${REAL_DATA_DIR}: ${fetched} fetched, ${present} already present, all ${entries.length} verified\n`,
    );
    return 0;
  } catch (error) {
    process.stderr.write(`fetch:test-data: ${(error as Error).message}\n`);
    return 1;
  }
}

process.exitCode = await main();
