import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe } from "vitest";

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

/** Skipped: absent here, and not required. */
const skipRealData = !realDataPresent && !realDataRequired;

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

/** Runs a suite's body after a hook that fails it, saying why (CI without the recordings). */
function failingWithoutData<A extends unknown[]>(fn: (...args: A) => void): (...args: A) => void {
  return (...args) => {
    beforeAll(() => {
      throw new Error(`CI requires the real-data tests: ${realDataSkipReason}`);
    });
    fn(...args);
  };
}

/**
 * `describe` for tests that need the recordings: skipped when they are absent, run (and then
 * failing with a clear message) when they are absent and CI is set. `.each` as describe.each.
 */
export const describeRealData = Object.assign(
  (name: string, fn: () => void): void => {
    const body = realDataPresent || !realDataRequired ? fn : failingWithoutData(fn);
    describe.skipIf(skipRealData)(`${REAL_DATA_TAG} ${name}`, body);
  },
  {
    each:
      <T extends object>(table: readonly T[]) =>
      (name: string, fn: (row: T) => void): void => {
        const body = realDataPresent || !realDataRequired ? fn : failingWithoutData(fn);
        describe.skipIf(skipRealData).each(table)(`${REAL_DATA_TAG} ${name}`, body);
      },
  },
);

/** The bytes of a file under the recordings folder (see realDataPath). */
export function readRealData(relative: string): Uint8Array {
  return new Uint8Array(readFileSync(realDataPath(relative)));
}
