import type { AnnotationSnapshot } from "../../core/api/annotationBatch";
import {
  NATIVE_FORMAT,
  NATIVE_FORMAT_VERSION,
  type NativeSequenceManifest,
} from "../../core/model/NativeSequenceManifest";
import { imageExtension } from "../import/imageSizeFromHeader";
import type { ServerDeps } from "../ServerDeps";
import type { StoredSequence } from "../store/getSequenceDetail";
import { blobBytes, put } from "./exportFiles";
import type { ExportProgress, ExportResult } from "./exportSequence";
import { lidarFileExtension } from "./lidarFileExtension";
import { must } from "../../core/model/must";

/**
 * The project's own layout (core/model/NativeSequenceManifest.ts), with everything: frames with
 * their timestamps and poses, every sweep in its own format, every image, the cameras with their
 * distortion, the classes, the tracks and the current cuboids with their provenance, author and
 * time. Importing it gives the same sequence back (a new copy: the import sees the same recording).
 * A frame's own calibration (KITTI object) goes with the frame.
 */
export async function exportNative(
  deps: ServerDeps,
  seq: StoredSequence,
  snapshot: AnnotationSnapshot,
  outDir: string,
  onProgress: ExportProgress,
): Promise<ExportResult> {
  const { detail } = seq;
  const manifest: NativeSequenceManifest = {
    format: NATIVE_FORMAT,
    formatVersion: NATIVE_FORMAT_VERSION,
    name: detail.name,
    lidarName: detail.lidarName,
    cameras: detail.cameras,
    classes: detail.classes,
    frames: [],
    tracks: snapshot.tracks,
    cuboids: snapshot.cuboids.map(({ id: _id, frameIndex, ...c }) => ({
      ...c,
      frameName: must(detail.frames[frameIndex], `frame ${frameIndex}`).name,
    })),
  };
  for (const f of detail.frames) {
    const lidarPath = `lidar/${f.name}.${lidarFileExtension(f.lidarFormat)}`;
    await put(outDir, lidarPath, await blobBytes(deps, f.lidarBlob));
    const imagePaths: Record<string, string> = {};
    for (const [cam, hash] of Object.entries(f.imageBlobs)) {
      const img = await blobBytes(deps, hash);
      imagePaths[cam] = `camera/${cam}/${f.name}.${imageExtension(img)}`;
      await put(outDir, imagePaths[cam], img);
    }
    manifest.frames.push({
      name: f.name,
      timestampUs: f.timestampUs,
      worldFromLidar: f.worldFromLidar,
      lidarPath,
      imagePaths,
      ...(f.cameras ? { cameras: f.cameras } : {}),
    });
    await onProgress(f.index + 1, detail.frames.length);
  }
  await put(outDir, "sequence.json", JSON.stringify(manifest, null, 1));
  return {
    sequenceId: detail.id,
    format: "native",
    frames: detail.frames.length,
    cuboids: snapshot.cuboids.length,
    skipped: [],
    // Everything, pre-labels with their provenance and score: nothing unchecked is left out.
    uncheckedPredictions: 0,
  };
}
