import { mkdir, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import type { ServerDeps } from "../ServerDeps";

/** Writes one file of an export, making its folders. */
export async function put(outDir: string, rel: string, bytes: Uint8Array | string): Promise<void> {
  const p = join(outDir, ...rel.split("/"));
  await mkdir(dirname(p), { recursive: true });
  await writeFile(p, bytes);
}

/** A stored blob's bytes (sweeps and images are tens of MB at most: validateFrameFiles caps them). */
export async function blobBytes(deps: ServerDeps, hash: string): Promise<Uint8Array> {
  const stream = await deps.blobs.get(hash);
  if (!stream) throw new Error(`blob ${hash} is missing from the blob store`);
  return new Uint8Array(await new Response(stream).arrayBuffer());
}
