import { readFileSync } from "node:fs";
import { realDataPath } from "../../scripts/testing/realData";

/**
 * Reads a file of the real recordings (tests only; see scripts/testing/realData.ts), failing with
 * realDataPath's message when it is missing. Tests that call it run inside describeRealData.
 */
export function readSharedData(path: string): Uint8Array {
  return new Uint8Array(readFileSync(realDataPath(path)));
}
