import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { readdir, stat } from "node:fs/promises";
import path from "node:path";
import { type BlobStore, isBlobHash } from "./BlobStore";

export interface MigrationReport {
  /** Blobs found in the folder. */
  found: number;
  copied: number;
  /** Already in the target with the same size (a rerun copies nothing). */
  alreadyThere: number;
  bytesCopied: number;
  /** Files whose bytes do not hash to their name: not copied. */
  corrupt: string[];
}

async function sha256Of(file: string): Promise<string> {
  const hasher = createHash("sha256");
  for await (const chunk of createReadStream(file)) hasher.update(chunk as Buffer);
  return hasher.digest("hex");
}

/**
 * Copies every blob of a local blob folder (`<dir>/<aa>/<sha256>`, createFileBlobStore's layout) into
 * `target` (typically createS3BlobStore). Idempotent: a blob the target holds at the same size is
 * skipped. Verified: each file is hashed before copying (a corrupt file is reported, not copied), the
 * target's put must return the same hash, and the stored size must match the file's.
 */
export async function migrateBlobs(
  fromDir: string,
  target: BlobStore,
  onBlob: (done: number, total: number) => void = () => {},
): Promise<MigrationReport> {
  const files: Array<{ hash: string; file: string }> = [];
  for (const sub of await readdir(fromDir)) {
    if (!/^[0-9a-f]{2}$/.test(sub)) continue;
    for (const name of await readdir(path.join(fromDir, sub)))
      if (isBlobHash(name) && name.startsWith(sub))
        files.push({ hash: name, file: path.join(fromDir, sub, name) });
  }
  const report: MigrationReport = {
    found: files.length,
    copied: 0,
    alreadyThere: 0,
    bytesCopied: 0,
    corrupt: [],
  };
  for (const [i, { hash, file }] of files.entries()) {
    const bytes = (await stat(file)).size;
    if ((await target.size(hash)) === bytes) report.alreadyThere++;
    else if ((await sha256Of(file)) !== hash) report.corrupt.push(file);
    else {
      const stored = await target.put(createReadStream(file));
      if (stored !== hash) throw new Error(`${file}: the target stored it as ${stored}, not ${hash}`);
      const size = await target.size(hash);
      if (size !== bytes) throw new Error(`${file}: ${bytes} bytes, but the target holds ${size ?? "none"}`);
      report.copied++;
      report.bytesCopied += bytes;
    }
    onBlob(i + 1, files.length);
  }
  return report;
}
