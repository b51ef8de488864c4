import { createWriteStream } from "node:fs";
import { mkdir } from "node:fs/promises";
import { dirname, join } from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import busboy from "busboy";
import { extractZip, type ZipLimits } from "./extractZip";
import { ImportError } from "./ImportError";
import { safeRelativePath } from "./safeRelativePath";

/** A body past the upload limit (HTTP 413). */
export class UploadTooLargeError extends ImportError {
  constructor(readonly maxBytes: number) {
    super("upload", `larger than ${maxBytes} bytes (refused)`);
  }
}

/** Longest form field kept (the sequence name and options); longer is refused, not truncated. */
const MAX_FIELD_BYTES = 4096;

/**
 * Streams a multipart upload to disk: every file part to `dir/<its path>` (the part's file name,
 * as `webkitRelativePath` gives it), every top-level `.zip` part extracted into `dir` while it
 * arrives (extractZip). Nothing is held in memory beyond the stream's chunks, whatever the size.
 * Returns the text fields. Throws ImportError naming the part; the caller removes dir.
 */
export async function saveMultipartUpload(
  request: Request,
  dir: string,
  limits: ZipLimits & { maxUploadBytes: number },
): Promise<Record<string, string>> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > limits.maxUploadBytes) throw new UploadTooLargeError(limits.maxUploadBytes);
  const contentType = request.headers.get("content-type") ?? "";
  if (!contentType.startsWith("multipart/form-data") || !request.body)
    throw new ImportError(
      "upload",
      "not a multipart form: send the folder's files or one .zip as multipart parts",
    );
  let bb: busboy.Busboy;
  try {
    bb = busboy({
      headers: { "content-type": contentType },
      limits: {
        files: limits.maxEntries,
        fields: 20,
        fieldSize: MAX_FIELD_BYTES,
        parts: limits.maxEntries + 20,
      },
      preservePath: true,
    });
  } catch (e) {
    throw new ImportError("upload", `not a multipart form (${(e as Error).message})`);
  }
  const fields: Record<string, string> = {};
  const seen = new Set<string>();
  let files = 0;
  let failure: unknown = null;
  // Parts are handled one after another: busboy waits until a part's stream is consumed.
  let work: Promise<void> = Promise.resolve();
  const fail = (e: unknown) => {
    failure ??= e;
  };

  bb.on("file", (_field, stream, info) => {
    work = work.then(async () => {
      if (failure) return void stream.resume();
      try {
        files++;
        const name = info.filename ?? "";
        if (!name.includes("/") && name.toLowerCase().endsWith(".zip")) {
          // Not destroyed when extraction stops early: busboy waits for the part to be drained.
          await extractZip(stream.iterator({ destroyOnReturn: false }), dir, name, limits);
          return;
        }
        const segments = safeRelativePath(name, name || "upload");
        const rel = segments.join("/");
        if (seen.has(rel)) throw new ImportError(rel, "uploaded twice");
        seen.add(rel);
        const target = join(dir, ...segments);
        await mkdir(dirname(target), { recursive: true });
        await pipeline(stream, createWriteStream(target, { flags: "wx" }));
      } catch (e) {
        fail(e);
        stream.resume();
      }
    });
  });
  bb.on("field", (name, value, info) => {
    if (info.valueTruncated)
      fail(new ImportError(`field ${name.slice(0, 50)}`, `longer than ${MAX_FIELD_BYTES} bytes (refused)`));
    else fields[name] = value;
  });
  bb.on("filesLimit", () =>
    fail(new ImportError("upload", `more than ${limits.maxEntries} files (refused)`)),
  );
  bb.on("partsLimit", () =>
    fail(new ImportError("upload", `more than ${limits.maxEntries} parts (refused)`)),
  );
  bb.on("fieldsLimit", () => fail(new ImportError("upload", "more than 20 form fields (refused)")));

  const body = Readable.fromWeb(request.body as import("node:stream/web").ReadableStream<Uint8Array>);
  try {
    await pipeline(body, bb);
  } catch (e) {
    fail(
      e instanceof ImportError
        ? e
        : new ImportError("upload", `broken multipart body (${(e as Error).message})`),
    );
  }
  await work;
  if (failure) throw failure;
  if (files === 0)
    throw new ImportError("upload", "no files: send the folder's files or one .zip as multipart parts");
  return fields;
}
