import { Zip, ZipPassThrough } from "fflate";

/** A file and its path inside the uploaded folder ("scene/lidar/000950.pcd"). */
export interface PathedFile {
  path: string;
  file: Blob;
}

/**
 * Packs a folder's files into one stored (not deflated) zip, file by file, so the upload is one
 * resumable stream. Sweeps and JPEGs barely compress; storing costs no CPU. `onProgress` gets
 * the bytes packed so far.
 */
export async function zipFiles(
  files: readonly PathedFile[],
  onProgress: (done: number, total: number) => void,
): Promise<Blob> {
  const parts: Uint8Array<ArrayBuffer>[] = [];
  const zip = new Zip((err, chunk) => {
    if (err) throw err;
    parts.push(new Uint8Array(chunk));
  });
  const total = files.reduce((n, f) => n + f.file.size, 0);
  let done = 0;
  for (const f of files) {
    const entry = new ZipPassThrough(f.path);
    zip.add(entry);
    entry.push(new Uint8Array(await f.file.arrayBuffer()), true);
    done += f.file.size;
    onProgress(done, total);
  }
  zip.end();
  return new Blob(parts, { type: "application/zip" });
}
