import { rmSync } from "node:fs";
import type { AnnotationSnapshot } from "../../core/api/annotationBatch";
import { importFolderRequest } from "./importFolderRequest";
import { writeTinySequence } from "./writeTinySequence";

/** Imports a tiny sequence (frames × tracks) through a running server's API; its id and snapshot. */
export async function importTinyOverHttp(
  url: string,
  auth: Record<string, string>,
  frames: number,
  tracks: number,
): Promise<{ sequenceId: string; snap: AnnotationSnapshot }> {
  const tiny = writeTinySequence(frames, tracks);
  const imported = await fetch(`${url}/api/imports`, importFolderRequest(tiny, auth));
  rmSync(tiny, { recursive: true, force: true });
  const { sequenceId } = (await imported.json()) as { sequenceId: string };
  const snap = (await (
    await fetch(`${url}/api/sequences/${sequenceId}/annotations`, { headers: auth })
  ).json()) as AnnotationSnapshot;
  return { sequenceId, snap };
}
