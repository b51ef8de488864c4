import { composePoses, invertPose } from "../geometry/pose";
import { quatNormalize, quatRotate } from "../geometry/quat";
import type { PredictedBox } from "../prelabel/PredictionRun";
import { FormatError } from "./FormatError";
import type { PredictionTargetFrame } from "./PredictionFile";

type Numbers<N extends 3 | 4> = N extends 3 ? [number, number, number] : [number, number, number, number];

const finite = <N extends 3 | 4>(v: unknown, n: N): v is Numbers<N> =>
  Array.isArray(v) && v.length === n && v.every((x) => typeof x === "number" && Number.isFinite(x));

/**
 * The frame a sample token names: a frame of that name, else `sample_<index>` as the project's
 * nuScenes export writes its tokens (core/formats/nuscenesTables.ts).
 */
function frameOfToken(
  token: string,
  frames: readonly PredictionTargetFrame[],
): PredictionTargetFrame | undefined {
  const byName = frames.find((f) => f.name === token);
  if (byName) return byName;
  const m = /^sample_(\d+)$/.exec(token);
  return m ? frames.find((f) => f.index === Number(m[1])) : undefined;
}

/**
 * A nuScenes detection (or tracking) results file: `{meta, results: {sample_token: [box…]}}`, each
 * box in the global frame with `translation`, `size` [width, length, height], `rotation` [w, x, y, z]
 * and `detection_name`/`detection_score` (or `tracking_name`/`tracking_score`/`tracking_id`).
 * Boxes come into each frame's lidar coordinates through its ego pose (global = the sequence's
 * world, lidar = ego, as the export writes them); the yaw is the heading's angle in the lidar xy
 * plane. A box without a tracking id is a track of its own.
 */
export function parseNuscenesPredictions(
  text: string,
  file: string,
  frames: readonly PredictionTargetFrame[],
): PredictedBox[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new FormatError(file, "", `not JSON (${(e as Error).message})`);
  }
  const results = (json as { results?: unknown } | null)?.results;
  if (!results || typeof results !== "object" || Array.isArray(results))
    throw new FormatError(
      file,
      "",
      'expected a nuScenes results object {"meta", "results": {sample_token: [...]}}',
    );
  const out: PredictedBox[] = [];
  for (const [token, boxes] of Object.entries(results as Record<string, unknown>)) {
    if (!Array.isArray(boxes)) throw new FormatError(file, `results.${token}`, "expected an array of boxes");
    if (boxes.length === 0) continue;
    const frame = frameOfToken(token, frames);
    if (!frame)
      throw new FormatError(
        file,
        `results.${token}[0]`,
        `sample token "${token}" names no frame of this sequence (frame names or sample_<index> tokens)`,
      );
    if (!frame.worldFromLidar)
      throw new FormatError(
        file,
        `results.${token}[0]`,
        `frame ${frame.name} (sample "${token}") has no ego pose to bring global boxes into its lidar frame`,
      );
    const lidarFromWorld = invertPose(frame.worldFromLidar);
    boxes.forEach((raw, i) => {
      const place = `results.${token}[${i}]`;
      const b = raw as Record<string, unknown>;
      const name = b.detection_name ?? b.tracking_name;
      const score = b.detection_score ?? b.tracking_score;
      if (typeof name !== "string" || name === "")
        throw new FormatError(file, place, "detection_name (or tracking_name) is missing");
      if (typeof score !== "number" || !(score >= 0 && score <= 1))
        throw new FormatError(file, place, `detection_score ${String(score)} is not a number in 0..1`);
      if (!finite(b.translation, 3)) throw new FormatError(file, place, "translation must be 3 numbers");
      if (!finite(b.size, 3) || b.size.some((s) => s <= 0))
        throw new FormatError(file, place, "size must be 3 positive numbers [width, length, height]");
      if (!finite(b.rotation, 4) || Math.hypot(...b.rotation) < 1e-9)
        throw new FormatError(file, place, "rotation must be a quaternion [w, x, y, z]");
      if (b.sample_token !== undefined && b.sample_token !== token)
        throw new FormatError(
          file,
          place,
          `sample_token "${String(b.sample_token)}" differs from its key "${token}"`,
        );
      const [w, x, y, z] = b.rotation;
      const lidarFromBox = composePoses(lidarFromWorld, {
        translationM: { x: b.translation[0], y: b.translation[1], z: b.translation[2] },
        rotation: quatNormalize({ w, x, y, z }),
      });
      const heading = quatRotate(lidarFromBox.rotation, { x: 1, y: 0, z: 0 });
      const c = lidarFromBox.translationM;
      const trackingId = b.tracking_id;
      out.push({
        frame: frame.name,
        trackId:
          typeof trackingId === "string" && trackingId !== ""
            ? trackingId
            : typeof trackingId === "number"
              ? trackingId
              : `${token}#${i}`,
        class: name,
        score,
        center: [c.x, c.y, c.z],
        size: [b.size[1], b.size[0], b.size[2]],
        yaw: Math.atan2(heading.y, heading.x),
      });
    });
  }
  return out;
}
