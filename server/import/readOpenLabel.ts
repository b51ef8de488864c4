import { parseOpenLabel } from "../../core/formats/parseOpenLabel";
import { ImportError } from "./ImportError";
import { findOpenLabelFiles } from "./findOpenLabelFiles";
import type { ParsedSequence } from "./ParsedSequence";
import { lidarFormatOf } from "./readNativeSequence";
import { safeRelativePath } from "./safeRelativePath";
import type { SourceFolder } from "./sourceFolder";

/**
 * A folder holding one ASAM OpenLABEL 1.x JSON document (core/formats/parseOpenLabel.ts) and the
 * files its frames' stream uris name, relative to the folder. Every named file must exist and stay
 * inside the folder; a file of a camera the document does not calibrate is refused by the checks.
 */
export async function readOpenLabel(src: SourceFolder, name?: string): Promise<ParsedSequence> {
  const files = await findOpenLabelFiles(src);
  const file = files[0];
  if (files.length !== 1 || file === undefined)
    throw new ImportError(
      "",
      files.length === 0
        ? "no OpenLABEL document at the top of the folder"
        : `${files.length} OpenLABEL documents (${files.join(", ")}): upload one sequence at a time`,
    );
  const doc = parseOpenLabel(await src.readText(file), file);
  const checked = async (uri: string, place: string) => {
    const rel = safeRelativePath(uri, `${file} ${place}`).join("/");
    if (!(await src.exists(rel))) throw new ImportError(rel, `missing (${file} ${place} names it)`);
    return rel;
  };
  const frames = [];
  for (const f of doc.frames) {
    const place = `frame ${f.index} (${f.name})`;
    const imagePaths: Record<string, string> = {};
    for (const [cam, uri] of Object.entries(f.imageUris))
      imagePaths[cam] = await checked(uri, `${place} ${cam}`);
    const lidarPath = await checked(f.lidarUri, place);
    frames.push({
      name: f.name,
      timestampUs: f.timestampUs,
      worldFromLidar: f.worldFromLidar,
      lidarPath,
      lidarFormat: lidarFormatOf(lidarPath),
      imagePaths,
    });
  }
  return {
    layout: "openlabel",
    name: name ?? doc.name,
    lidarName: doc.lidarName,
    cameras: [...doc.cameras],
    frames,
    tracks: [...doc.tracks],
    boxes: [...doc.cuboids],
    warnings: doc.warnings,
  };
}
