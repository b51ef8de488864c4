import {
  NUSCENES_TABLES,
  type NuscenesTableName,
  parseNuscenesTables,
} from "../../core/formats/parseNuscenesTables";
import { ImportError } from "./ImportError";
import { findNuscenesTables } from "./findNuscenesTables";
import type { ParsedSequence } from "./ParsedSequence";
import { lidarFormatOf } from "./readNativeSequence";
import { safeRelativePath } from "./safeRelativePath";
import type { SourceFolder } from "./sourceFolder";

/**
 * nuScenes-style tables (core/formats/parseNuscenesTables.ts) in one top-level folder, the sweeps
 * their sample_data rows name relative to the folder above it (as in nuScenes: samples/…).
 */
export async function readNuscenesTables(src: SourceFolder, name?: string): Promise<ParsedSequence> {
  const dirs = await findNuscenesTables(src);
  const dir = dirs[0];
  if (dirs.length !== 1 || dir === undefined)
    throw new ImportError(
      "",
      dirs.length === 0
        ? "no folder of nuScenes tables"
        : `${dirs.length} folders of nuScenes tables (${dirs.join(", ")}): upload one at a time`,
    );
  const file = (table: NuscenesTableName) => `${dir}/${table}.json`;
  const tables = {} as Record<NuscenesTableName, unknown[]>;
  for (const table of [...NUSCENES_TABLES, "attribute"] as const) {
    if (table === "attribute" && !(await src.exists(file(table)))) {
      tables.attribute = [];
      continue;
    }
    let rows: unknown;
    try {
      rows = JSON.parse(await src.readText(file(table)));
    } catch (e) {
      if (e instanceof ImportError) throw e;
      throw new ImportError(file(table), `not valid JSON (${(e as Error).message})`);
    }
    if (!Array.isArray(rows)) throw new ImportError(file(table), "expected a list of rows");
    tables[table] = rows;
  }
  const seq = parseNuscenesTables(tables, file);
  const frames = [];
  for (const f of seq.frames) {
    const uri = seq.lidarFileOf(f.index);
    const lidarPath = safeRelativePath(uri, `${file("sample_data")} frame ${f.name}`).join("/");
    if (!(await src.exists(lidarPath)))
      throw new ImportError(lidarPath, `missing (${file("sample_data")} names it)`);
    frames.push({
      name: f.name,
      timestampUs: f.timestampUs,
      worldFromLidar: f.worldFromLidar,
      lidarPath,
      lidarFormat: lidarFormatOf(lidarPath),
      imagePaths: {},
    });
  }
  return {
    layout: "nuscenes",
    name: name ?? seq.name,
    lidarName: seq.lidarName,
    cameras: [],
    frames,
    tracks: [...seq.tracks],
    boxes: [...seq.cuboids],
    warnings: seq.warnings,
  };
}
