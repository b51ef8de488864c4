import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { adminHeaders } from "./api";

/**
 * Uploads a folder (every file under it, with its relative path) to POST /api/imports as the admin,
 * as the upload page does; returns the new sequence's id.
 */
export async function importFolder(url: string, dir: string): Promise<string> {
  const fd = new FormData();
  const entries = readdirSync(dir, { withFileTypes: true, recursive: true }).filter((e) => e.isFile());
  for (const e of entries) {
    const full = path.join(e.parentPath, e.name);
    fd.append("files", new File([new Uint8Array(readFileSync(full))], path.relative(dir, full)));
  }
  const res = await fetch(`${url}/api/imports`, {
    method: "POST",
    body: fd,
    headers: await adminHeaders(url),
  });
  if (!res.ok) throw new Error(`import ${dir}: HTTP ${res.status} ${await res.text()}`);
  return ((await res.json()) as { sequenceId: string }).sequenceId;
}
