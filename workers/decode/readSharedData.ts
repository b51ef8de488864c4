import { existsSync, readFileSync } from "node:fs";

/** The shared real-data folder, read from the repo root (tests only). */
export const SHARED_DATA = "../shared/data";

/** Reads a file under ../shared/data, failing with a clear message when the folder is missing. */
export function readSharedData(path: string): Uint8Array {
  const full = `${SHARED_DATA}/${path}`;
  if (!existsSync(full)) {
    throw new Error(`${full} is missing: tests need the real data in ../shared/data (see its README.md)`);
  }
  return new Uint8Array(readFileSync(full));
}
