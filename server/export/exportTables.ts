import type { AnnotationSnapshot } from "../../core/api/annotationBatch";
import { toNuscenesTables } from "../../core/formats/nuscenesTables";
import { toOpenLabel } from "../../core/formats/openLabel";
import { imageExtension } from "../import/imageSizeFromHeader";
import type { ServerDeps } from "../ServerDeps";
import type { StoredSequence } from "../store/getSequenceDetail";
import { blobBytes, put } from "./exportFiles";
import type { ExportProgress, ExportResult } from "./exportSequence";
import { lidarFileExtension } from "./lidarFileExtension";
import { must } from "../../core/model/must";

/**
 * OpenLABEL (`openlabel.json` + the sweeps under lidar/ and images under camera/<name>/, as its
 * streams' uris say) or nuScenes-style tables (`v1.0-cuboidal/*.json`, `detection_results.json`,
 * sweeps under samples/LIDAR_TOP/). The label files come from the pure writers in core/formats.
 */
export async function exportTables(
  deps: ServerDeps,
  seq: StoredSequence,
  snapshot: AnnotationSnapshot,
  format: "openlabel" | "nuscenes",
  outDir: string,
  onProgress: ExportProgress,
): Promise<Omit<ExportResult, "uncheckedPredictions">> {
  const { detail } = seq;
  const lidarFileOf = (i: number) => {
    const f = must(detail.frames[i], `frame ${i}`);
    const ext = lidarFileExtension(f.lidarFormat);
    return format === "nuscenes"
      ? `samples/LIDAR_TOP/${f.name}.${ext}`
      : `${detail.lidarName}/${f.name}.${ext}`;
  };
  /** Frame index → camera → the image file written (its extension comes from its bytes). */
  const imageUris = new Map<number, Record<string, string>>();
  for (const f of detail.frames) {
    await put(outDir, lidarFileOf(f.index), await blobBytes(deps, f.lidarBlob));
    const uris: Record<string, string> = {};
    imageUris.set(f.index, uris);
    if (format === "openlabel")
      for (const [cam, hash] of Object.entries(f.imageBlobs)) {
        const img = await blobBytes(deps, hash);
        const uri = `camera/${cam}/${f.name}.${imageExtension(img)}`;
        await put(outDir, uri, img);
        uris[cam] = uri;
      }
    await onProgress(f.index + 1, detail.frames.length);
  }
  const input = {
    name: detail.name,
    lidarName: detail.lidarName,
    cameras: detail.cameras,
    frames: detail.frames.map((f) => ({
      ...f,
      lidarUri: lidarFileOf(f.index),
      imageUris: imageUris.get(f.index) ?? {},
    })),
    tracks: snapshot.tracks,
    cuboids: snapshot.cuboids,
  };
  const skipped: string[] = [];
  if (format === "openlabel") await put(outDir, "openlabel.json", JSON.stringify(toOpenLabel(input)));
  else {
    const { tables, detections, posesKnown } = toNuscenesTables({ ...input, lidarFileOf });
    for (const [table, rows] of Object.entries(tables))
      await put(outDir, `v1.0-cuboidal/${table}.json`, JSON.stringify(rows, null, 1));
    await put(outDir, "detection_results.json", JSON.stringify(detections));
    if (!posesKnown)
      skipped.push("ego poses: the sequence has none, so the boxes are in the lidar frame (identity poses)");
  }
  return {
    sequenceId: detail.id,
    format,
    frames: detail.frames.length,
    cuboids: snapshot.cuboids.length,
    skipped,
  };
}
