import { createHash } from "node:crypto";
import { createWriteStream, existsSync, mkdirSync, readFileSync, renameSync, rmSync } from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";

/** One pinned file: where it lands (`source/path`) and where it comes from (`repo@commit:path`). */
export interface RealDataEntry {
  source: string;
  repo: string;
  commit: string;
  path: string;
  bytes: number;
  sha256: string;
}

/** Reads a manifest (tab-separated, header `source repo commit path bytes sha256`). */
export function parseRealDataManifest(text: string, name: string): RealDataEntry[] {
  const lines = text.split("\n").filter((l) => l.trim() !== "");
  const header = lines.shift()?.split("\t") ?? [];
  const want = ["source", "repo", "commit", "path", "bytes", "sha256"];
  if (want.some((w, i) => header[i] !== w))
    throw new Error(`${name}: line 1: the header must be "${want.join("\\t")}"`);
  return lines.map((line, i) => {
    const [source, repo, commit, file, bytes, sha256] = line.split("\t");
    const where = `${name}: line ${i + 2}`;
    if (
      !source ||
      !repo ||
      !file ||
      commit === undefined ||
      sha256 === undefined ||
      !/^[0-9a-f]{40}$/.test(commit) ||
      !/^[0-9a-f]{64}$/.test(sha256)
    )
      throw new Error(`${where}: expected source, repo, a 40-hex commit, path, bytes and a 64-hex sha256`);
    for (const part of [source, file])
      if (path.isAbsolute(part) || part.split("/").includes(".."))
        throw new Error(`${where}: ${part} leaves the data folder`);
    return {
      source,
      repo,
      commit,
      path: file,
      bytes: Number(bytes),
      sha256,
    };
  });
}

const sha256Of = (file: string) => createHash("sha256").update(readFileSync(file)).digest("hex");

/**
 * Downloads every entry missing (or wrong) under `dataDir` from `${baseUrl}/${repo}/${commit}/${path}`
 * (raw.githubusercontent.com's scheme), verifying its sha-256 before it takes its place: a file
 * that fails the check is never left where the tests read. Returns how many were fetched and kept.
 */
export async function fetchRealData(
  entries: RealDataEntry[],
  dataDir: string,
  baseUrl: string,
  log: (line: string) => void = () => {},
): Promise<{ fetched: number; present: number }> {
  let fetched = 0;
  let present = 0;
  const queue = [...entries];
  const worker = async () => {
    for (let entry = queue.shift(); entry; entry = queue.shift()) {
      const target = path.join(dataDir, entry.source, entry.path);
      if (existsSync(target) && sha256Of(target) === entry.sha256) {
        present++;
        continue;
      }
      const url = `${baseUrl.replace(/\/$/, "")}/${entry.repo}/${entry.commit}/${entry.path}`;
      const response = await fetch(url);
      if (!response.ok || !response.body)
        throw new Error(
          `${url}: HTTP ${response.status} ${response.statusText} (for ${entry.source}/${entry.path})`,
        );
      mkdirSync(path.dirname(target), { recursive: true });
      const partial = `${target}.partial`;
      const hash = createHash("sha256");
      const body = Readable.fromWeb(response.body as import("node:stream/web").ReadableStream<Uint8Array>);
      body.on("data", (chunk: Buffer) => hash.update(chunk));
      await pipeline(body, createWriteStream(partial));
      const got = hash.digest("hex");
      if (got !== entry.sha256) {
        rmSync(partial, { force: true });
        throw new Error(`${url}: sha256 ${got} does not match the manifest's ${entry.sha256}`);
      }
      renameSync(partial, target);
      fetched++;
      log(`fetched ${entry.source}/${entry.path} (${entry.bytes} bytes)`);
    }
  };
  await Promise.all(Array.from({ length: 4 }, worker));
  return { fetched, present };
}
