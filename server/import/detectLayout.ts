import { basename, join } from "node:path";
import { findNuscenesTables } from "./findNuscenesTables";
import { findOpenLabelFiles } from "./findOpenLabelFiles";
import { ImportError } from "./ImportError";
import type { SequenceLayout } from "./ParsedSequence";
import { sourceFolder } from "./sourceFolder";

const IGNORED = new Set(["__MACOSX", ".DS_Store"]);

/**
 * Which layout a folder holds, and where its root is: a folder (or a zip) whose only entry is one
 * sub-folder is looked into, since zipping a folder usually wraps it that way.
 */
export async function detectLayout(dir: string): Promise<{ layout: SequenceLayout; root: string }> {
  const src = sourceFolder(dir);
  if (await src.exists("sequence.json")) return { layout: "native", root: dir };
  // Before lidar/: an OpenLABEL or nuScenes export keeps its sweeps in such a folder too.
  if ((await findOpenLabelFiles(src)).length > 0) return { layout: "openlabel", root: dir };
  if ((await findNuscenesTables(src)).length > 0) return { layout: "nuscenes", root: dir };
  if (await src.isDir("velodyne")) {
    const entries = await src.list("velodyne");
    for (const e of entries)
      if (await src.isDir(`velodyne/${e}`)) return { layout: "kitti-tracking", root: dir };
    return { layout: "kitti-object", root: dir };
  }
  if ((await src.isDir("lidar")) && (await src.isDir("poses"))) return { layout: "argoverse", root: dir };
  if (await src.isDir("lidar")) return { layout: "sustech", root: dir };
  const entries = (await src.list("")).filter((e) => !IGNORED.has(e));
  const [only] = entries;
  if (entries.length === 1 && only !== undefined && (await src.isDir(only)))
    return detectLayout(join(dir, only));
  throw new ImportError(
    basename(dir),
    "not a sequence layout this tool knows: expected sequence.json (native), lidar/ (SUSTechPOINTS scene), " +
      "velodyne/*.bin with label_2/ (KITTI object), velodyne/<seq>/ with label_02/ (KITTI tracking) " +
      "lidar/PC_<ns>.ply with poses/ (Argoverse 1 log), an OpenLABEL 1.x .json document " +
      "or a folder of nuScenes tables (scene.json, sample.json, sample_annotation.json…)",
  );
}
