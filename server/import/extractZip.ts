import { closeSync, mkdirSync, openSync, writeSync } from "node:fs";
import { dirname, join } from "node:path";
import { Unzip, UnzipInflate } from "fflate";
import { ImportError } from "./ImportError";
import { safeRelativePath } from "./safeRelativePath";

export interface ZipLimits {
  /** Refuse once the entries inflate past this many bytes in total (zip bombs). */
  maxUncompressedBytes: number;
  maxEntries: number;
  /**
   * Refuse once the bytes inflated so far exceed this many times the zip bytes read so far, past
   * RATIO_FLOOR_BYTES (a bomb is caught in its first megabytes, not after maxUncompressedBytes).
   * Real recordings compress 1–4× (JPEG, float sweeps); 100× is only ever zeros.
   */
  maxRatio?: number;
}

/** Below this many inflated bytes the ratio is not checked (tiny text files compress well). */
export const RATIO_FLOOR_BYTES = 16 * 1024 ** 2;
const DEFAULT_MAX_RATIO = 100;

/**
 * Chunks are pushed into the unzipper in slices this big: fflate's Unzip recurses once per entry
 * found in a pushed chunk, so a multi-megabyte chunk of 4,000 tiny entries overflowed the stack.
 */
const PUSH_SLICE_BYTES = 16 * 1024;

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
  let read = 0;
  const maxRatio = limits.maxRatio ?? DEFAULT_MAX_RATIO;
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
          if (total > RATIO_FLOOR_BYTES && total > read * maxRatio)
            throw new ImportError(
              zipName,
              `inflates more than ${maxRatio}× (${total} bytes from ${read}; refused as a zip bomb at entry ${file.name})`,
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
      for (let o = 0; o < chunk.length && !failure; o += PUSH_SLICE_BYTES) {
        const slice = chunk.subarray(o, o + PUSH_SLICE_BYTES);
        read += slice.length;
        try {
          unzip.push(slice);
        } catch (e) {
          failure ??= asImportError(e, zipName);
        }
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
