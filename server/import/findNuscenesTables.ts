import { NUSCENES_TABLES } from "../../core/formats/parseNuscenesTables";
import type { SourceFolder } from "./sourceFolder";

/**
 * The top-level folders holding nuScenes-style tables (a nuScenes `v1.0-*` folder or our export's
 * `v1.0-cuboidal`): recognised by the table files the format defines, whatever the folder is called.
 */
export async function findNuscenesTables(src: SourceFolder): Promise<string[]> {
  const out: string[] = [];
  for (const dir of await src.list("")) {
    if (!(await src.isDir(dir))) continue;
    const names = new Set(await src.list(dir));
    if (NUSCENES_TABLES.every((t) => names.has(`${t}.json`))) out.push(dir);
  }
  return out;
}
