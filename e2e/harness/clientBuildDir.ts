import { createHash } from "node:crypto";
import { tmpdir } from "node:os";
import path from "node:path";

/** The repository root. */
export const repoRoot = path.resolve(import.meta.dirname, "../..");

/**
 * Where the browser tests build the client: a temporary folder of this checkout's own, never
 * dist/, so `npm test` leaves nothing that a later server start would serve.
 */
export const clientBuildDir = path.join(
  tmpdir(),
  `cuboidal-e2e-client-${createHash("sha256").update(repoRoot).digest("hex").slice(0, 12)}`,
);
