import { createHash } from "node:crypto";
import { DEFAULT_PROJECT_ID } from "../db/migrations/0002_accounts";
import type { ServerDeps } from "../ServerDeps";
import type { ParsedSequence, SequenceLayout } from "./ParsedSequence";
import { type ReadSequenceOptions, readSequenceFolder } from "./readSequenceFolder";
import { sequenceName } from "./sequenceName";
import { sourceFolder } from "./sourceFolder";
import {
  DEFAULT_FILE_LIMITS,
  type FileLimits,
  type ValidationProgress,
  validateFrameFiles,
} from "./validateFrameFiles";

/** What an import would make, shown before committing (POST /imports/preview). */
export interface ImportPreview {
  layout: SequenceLayout;
  name: string;
  frames: number;
  cameras: string[];
  boxes: number;
  tracks: number;
  /** First and last frame timestamps (µs), or null without frames. */
  timeSpanUs: { firstUs: number; lastUs: number } | null;
  /** Unknown calibration keys, cameras left out, decoder quirks. */
  warnings: string[];
  /** A sequence already imported from the same recording (same frame names and file bytes). */
  duplicateOf: { sequenceId: string; name: string } | null;
}

export interface PreparedImport {
  parsed: ParsedSequence;
  root: string;
  /** Relative path → SHA-256 of every file the frames refer to. */
  sha256: Map<string, string>;
  fingerprint: string;
  preview: ImportPreview;
}

export interface PrepareOptions extends ReadSequenceOptions {
  fileLimits?: FileLimits;
  /** The project the import goes to: a repeat is recognised within it (default: the Default project). */
  projectId?: string;
  onProgress?: (p: { phase: "reading" } | ValidationProgress) => void;
}

/**
 * Reads and checks a sequence folder completely (layout, labels, calibration, every sweep decoded,
 * every image header read) and fingerprints it, writing nothing. Throws ImportError.
 */
export async function prepareImport(
  deps: Pick<ServerDeps, "store">,
  dirPath: string,
  options: PrepareOptions = {},
): Promise<PreparedImport> {
  const progress = options.onProgress ?? (() => {});
  progress({ phase: "reading" });
  const name = options.name === undefined ? undefined : sequenceName(options.name);
  const { parsed, root } = await readSequenceFolder(dirPath, { ...options, ...(name ? { name } : {}) });
  parsed.name = sequenceName(parsed.name, "sequence name");
  const { warnings, sha256 } = await validateFrameFiles(
    parsed,
    sourceFolder(root),
    options.fileLimits ?? DEFAULT_FILE_LIMITS,
    progress,
  );
  const fingerprint = fingerprintOf(parsed, sha256);
  const duplicate = await deps.store.db
    .selectFrom("sequences")
    .select(["id", "name"])
    .where("source_fingerprint", "=", fingerprint)
    .where("project_id", "=", options.projectId ?? DEFAULT_PROJECT_ID)
    .orderBy("created_at")
    .executeTakeFirst();
  const times = parsed.frames.map((f) => f.timestampUs);
  return {
    parsed,
    root,
    sha256,
    fingerprint,
    preview: {
      layout: parsed.layout,
      name: parsed.name,
      frames: parsed.frames.length,
      cameras: parsed.cameras.map((c) => c.name),
      boxes: parsed.boxes.length,
      tracks: parsed.tracks.length,
      // A loop, not Math.min(...times): spreading 100k+ arguments overflows the stack.
      timeSpanUs: times.length
        ? {
            firstUs: times.reduce((a, b) => Math.min(a, b)),
            lastUs: times.reduce((a, b) => Math.max(a, b)),
          }
        : null,
      warnings: [...parsed.warnings, ...warnings],
      duplicateOf: duplicate ? { sequenceId: duplicate.id, name: duplicate.name } : null,
    },
  };
}

/**
 * The recording's identity: its frames' names and the hashes of their sweeps and images, in order.
 * Labels are left out on purpose, so the same recording with edited labels is offered as an update.
 */
function fingerprintOf(parsed: ParsedSequence, sha256: Map<string, string>): string {
  const h = createHash("sha256");
  for (const f of parsed.frames) {
    h.update(`${f.name}\0${sha256.get(f.lidarPath)}\0`);
    for (const [cam, p] of Object.entries(f.imagePaths).sort()) h.update(`${cam}\0${sha256.get(p)}\0`);
    h.update("\n");
  }
  return h.digest("hex");
}
