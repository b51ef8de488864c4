import { open } from "node:fs/promises";
import { looksLikeOpenLabel } from "../../core/formats/parseOpenLabel";
import type { SourceFolder } from "./sourceFolder";

/** Bytes read from each top-level .json to tell an OpenLABEL document by its content. */
const HEAD_BYTES = 256;

/** The top-level .json files of a folder that are OpenLABEL documents (by their first bytes, never their names). */
export async function findOpenLabelFiles(src: SourceFolder): Promise<string[]> {
  const out: string[] = [];
  for (const name of await src.list("")) {
    if (!name.toLowerCase().endsWith(".json")) continue;
    const handle = await open(src.abs(name)).catch(() => null);
    if (!handle) continue;
    try {
      const { buffer, bytesRead } = await handle.read(Buffer.alloc(HEAD_BYTES), 0, HEAD_BYTES, 0);
      if (looksLikeOpenLabel(buffer.subarray(0, bytesRead).toString("utf8"))) out.push(name);
    } catch {
      // A directory named *.json, or unreadable: not an OpenLABEL document.
    } finally {
      await handle.close();
    }
  }
  return out;
}
