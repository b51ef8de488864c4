import { closeSync, mkdirSync, openSync, writeSync } from "node:fs";
import { dirname, join } from "node:path";
import { Unzip, UnzipInflate } from "fflate";
import { ImportError } from "./ImportError";
import { safeRelativePath } from "./safeRelativePath";

export interface ZipLimits {
  /** Refuse once the entries inflate past this many bytes in total (zip bombs). */
  maxUncompressedBytes: number;
  maxEntries: number;
}

/**
 * Extracts a zip into dir, counting the bytes actually inflated (an entry's declared size can lie)
 * and refusing path traversal, too many entries and too many bytes. Throws ImportError naming the
 * entry; the caller removes dir.
 */
export async function extractZip(
  chunks: AsyncIterable<Uint8Array>,
  dir: string,
  zipName: string,
  limits: ZipLimits,
): Promise<void> {
  let total = 0;
  let entries = 0;
  let failure: unknown = null;
  const open = new Set<number>();
  const unzip = new Unzip((file) => {
    if (failure) return;
    try {
      if (++entries > limits.maxEntries)
        throw new ImportError(zipName, `more than ${limits.maxEntries} entries (refused)`);
      if (file.name.endsWith("/")) {
        safeRelativePath(file.name, `${zipName}: ${file.name}`);
        return;
      }
      const target = join(dir, ...safeRelativePath(file.name, `${zipName}: ${file.name}`));
      mkdirSync(dirname(target), { recursive: true });
      const fd = openSync(target, "wx");
      open.add(fd);
      file.ondata = (err, data, final) => {
        if (failure) return;
        try {
          if (err) throw new ImportError(`${zipName}: ${file.name}`, `corrupt zip entry (${err.message})`);
          total += data.length;
          if (total > limits.maxUncompressedBytes)
            throw new ImportError(
              zipName,
              `inflates to more than ${limits.maxUncompressedBytes} bytes (refused as a zip bomb at entry ${file.name})`,
            );
          writeSync(fd, data);
          if (final) {
            closeSync(fd);
            open.delete(fd);
          }
        } catch (e) {
          failure = e;
          file.terminate();
        }
      };
      file.start();
    } catch (e) {
      failure ??= asImportError(e, `${zipName}: ${file.name}`);
    }
  });
  unzip.register(UnzipInflate);
  try {
    for await (const chunk of chunks) {
      try {
        unzip.push(chunk);
      } catch (e) {
        failure ??= asImportError(e, zipName);
      }
      if (failure) throw failure;
    }
    try {
      unzip.push(new Uint8Array(0), true);
    } catch (e) {
      failure ??= asImportError(e, zipName);
    }
    if (failure) throw failure;
    if (entries === 0) throw new ImportError(zipName, "not a zip file, or an empty one");
  } finally {
    for (const fd of open) closeSync(fd);
  }
}

const asImportError = (e: unknown, where: string): unknown =>
  e instanceof ImportError
    ? e
    : new ImportError(
        where,
        (e as NodeJS.ErrnoException).code === "EEXIST"
          ? "appears twice in the zip"
          : `cannot extract (${(e as Error).message})`,
      );
