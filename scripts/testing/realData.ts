import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe } from "vitest";

/**
 * The third-party recordings the real-data tests read (never copied into the project: their
 * licences forbid it). `CUBOIDAL_TEST_DATA` points elsewhere; `npm run fetch:test-data` fetches
 * them into the default place.
 */
export const REAL_DATA_DIR = process.env.CUBOIDAL_TEST_DATA ?? join("..", "shared", "data");

/** True when the recordings are here. */
export const realDataPresent = existsSync(REAL_DATA_DIR);

/** True when a missing folder must fail the run instead of skipping (CI). */
export const realDataRequired = Boolean(process.env.CI) && process.env.CI !== "false";

/** The tag every real-data suite carries in its name; the summary reporter counts it. */
export const REAL_DATA_TAG = "[real data]";

/** Why real-data tests are skipped, in one sentence. */
export const realDataSkipReason = `${REAL_DATA_DIR} is missing (set CUBOIDAL_TEST_DATA, or run npm run fetch:test-data)`;

/**
 * A path under the recordings folder. Throws a clear message when it is missing, so a required
 * suite fails saying what to fetch rather than with an ENOENT deep inside a decoder.
 */
export function realDataPath(relative: string): string {
  const path = join(REAL_DATA_DIR, relative);
  if (!existsSync(path)) throw new Error(`${path} is missing: ${realDataSkipReason}`);
  return path;
}

/**
 * `describe` for tests that need the recordings: skipped when they are absent, run (and then
 * failing with realDataPath's message) when they are absent and CI is set.
 */
export function describeRealData(name: string, fn: () => void): void {
  const runIt = realDataPresent || realDataRequired;
  (runIt ? describe : describe.skip)(`${REAL_DATA_TAG} ${name}`, fn);
}
