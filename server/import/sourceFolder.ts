import { readdir, readFile, stat } from "node:fs/promises";
import { join, relative, sep } from "node:path";
import { ImportError } from "./ImportError";

/** Read access to the folder being imported; paths are relative, with "/" separators. */
export interface SourceFolder {
  root: string;
  exists(rel: string): Promise<boolean>;
  isDir(rel: string): Promise<boolean>;
  /** Names in a sub-folder, sorted; [] when it does not exist. */
  list(rel: string): Promise<string[]>;
  readText(rel: string): Promise<string>;
  readBytes(rel: string): Promise<Buffer>;
  abs(rel: string): string;
}

export function sourceFolder(root: string): SourceFolder {
  const abs = (rel: string) => join(root, ...rel.split("/"));
  const statOf = async (rel: string) => stat(abs(rel)).catch(() => null);
  const read = async (rel: string) => {
    try {
      return await readFile(abs(rel));
    } catch (e) {
      throw new ImportError(
        rel,
        `cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`,
      );
    }
  };
  return {
    root,
    abs,
    exists: async (rel) => (await statOf(rel)) !== null,
    isDir: async (rel) => (await statOf(rel))?.isDirectory() ?? false,
    list: async (rel) => {
      try {
        return (await readdir(abs(rel))).sort();
      } catch {
        return [];
      }
    },
    readText: async (rel) => (await read(rel)).toString("utf8"),
    readBytes: read,
  };
}

/** Every file under root, relative with "/" separators. */
export async function listFilesRecursive(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => relative(root, join(e.parentPath, e.name)).split(sep).join("/"))
    .sort();
}

/** "000965.json" → "000965" */
export const stem = (fileName: string): string => fileName.replace(/\.[^.]*$/, "");
