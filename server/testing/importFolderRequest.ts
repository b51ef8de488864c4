import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

/** POST /api/imports of a folder, one multipart part per file named by its path in the folder. */
export function importFolderRequest(dir: string, headers: Record<string, string>): RequestInit {
  const fd = new FormData();
  const walk = (rel: string) => {
    for (const name of readdirSync(path.join(dir, rel))) {
      const r = rel ? `${rel}/${name}` : name;
      if (statSync(path.join(dir, r)).isDirectory()) walk(r);
      else fd.append("files", new File([new Uint8Array(readFileSync(path.join(dir, r)))], r));
    }
  };
  walk("");
  return { method: "POST", body: fd, headers };
}
