import type { PluginPoints } from "../../core/api/modelPlugin";
import type { Pose3 } from "../../core/geometry/pose";
import type { FramePoints } from "../../core/prelabel/detectObjects";

/** Cloud-local float32 xyz and origin → the contract's points (base64 of little-endian float32). */
export function pointsToPlugin(
  positions: Float32Array,
  originM: { x: number; y: number; z: number },
): PluginPoints {
  const bytes = Buffer.from(positions.buffer, positions.byteOffset, positions.byteLength);
  return {
    count: positions.length / 3,
    originM: [originM.x, originM.y, originM.z],
    xyz: bytes.toString("base64"),
  };
}

/** The contract's points → what the pre-labeler reads; a count that disagrees with the bytes is refused. */
export function pointsFromPlugin(points: PluginPoints): FramePoints {
  const bytes = Buffer.from(points.xyz, "base64");
  if (bytes.length !== points.count * 12)
    throw new PluginInputError(
      `points.xyz: ${bytes.length} bytes after base64, but points.count ${points.count} needs ${points.count * 12} (3 float32 each)`,
    );
  // Copied into a fresh, aligned buffer: Buffer's pool may start at any byte.
  const positions = new Float32Array(points.count * 3);
  new Uint8Array(positions.buffer).set(bytes);
  const [x, y, z] = points.originM;
  return { positions, originM: { x, y, z } };
}

export const poseToPlugin = (p: Pose3) => ({
  rotation: [p.rotation.x, p.rotation.y, p.rotation.z, p.rotation.w] as [number, number, number, number],
  translationM: [p.translationM.x, p.translationM.y, p.translationM.z] as [number, number, number],
});

export const poseFromPlugin = (p: ReturnType<typeof poseToPlugin>): Pose3 => ({
  rotation: { x: p.rotation[0], y: p.rotation[1], z: p.rotation[2], w: p.rotation[3] },
  translationM: { x: p.translationM[0], y: p.translationM[1], z: p.translationM[2] },
});

/** A request to a plugin that is well-formed JSON but wrong in substance (400 with this message). */
export class PluginInputError extends Error {
  override readonly name = "PluginInputError";
}
