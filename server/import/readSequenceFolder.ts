import { basename } from "node:path";
import { FormatError } from "../../core/formats/FormatError";
import { ImportError } from "./ImportError";
import { detectLayout } from "./detectLayout";
import { readArgoverseLog } from "./readArgoverseLog";
import type { ParsedSequence } from "./ParsedSequence";
import { readKittiObject } from "./readKittiObject";
import { readKittiTracking } from "./readKittiTracking";
import { readNativeSequence } from "./readNativeSequence";
import { readNuscenesTables } from "./readNuscenesTables";
import { readOpenLabel } from "./readOpenLabel";
import { readSustechScene } from "./readSustechScene";
import { sourceFolder } from "./sourceFolder";

export interface ReadSequenceOptions {
  /** Overrides the name the source gives (default: the manifest's name or the folder's). */
  name?: string;
  /** KITTI tracking: which sequence of the folder (e.g. "0000"). */
  kittiSequence?: string;
}

/** Detects the layout and parses everything but the blob bytes; throws ImportError naming the file. */
export async function readSequenceFolder(
  dir: string,
  options: ReadSequenceOptions = {},
): Promise<{ parsed: ParsedSequence; root: string }> {
  const { layout, root } = await detectLayout(dir);
  const name = options.name ?? basename(root);
  try {
    return { parsed: await readLayout(layout, root, name, options), root };
  } catch (e) {
    if (e instanceof FormatError)
      throw new ImportError(e.file, `${e.place ? `${e.place}: ` : ""}${e.reason}`);
    throw e;
  }
}

async function readLayout(
  layout: ParsedSequence["layout"],
  root: string,
  name: string,
  options: ReadSequenceOptions,
): Promise<ParsedSequence> {
  const src = sourceFolder(root);
  return layout === "native"
    ? await readNativeSequence(src, options.name)
    : layout === "openlabel"
      ? await readOpenLabel(src, options.name)
      : layout === "nuscenes"
        ? await readNuscenesTables(src, options.name)
        : layout === "sustech"
          ? await readSustechScene(src, name)
          : layout === "kitti-object"
            ? await readKittiObject(src, name)
            : layout === "argoverse"
              ? await readArgoverseLog(src, name)
              : await readKittiTracking(src, name, options.kittiSequence);
}
