import { z } from "zod";
import { matrix4RowMajorFromPose, type Pose3, poseFromMatrix4RowMajor } from "../geometry/pose";
import { FormatError } from "./FormatError";

/**
 * SUSTechPOINTS `lidar_pose/<frame>.json`: `{ "lidarPose": [16 numbers] }`, the row-major 4×4
 * worldFromLidar of the frame (the scene's map frame; what SUSTechPOINTS uses to place boxes of
 * neighbouring frames). `ego_pose/<frame>.json` holds the raw GNSS fix (lat, lng, azimuth…) from
 * which that pose was made; we read the lidar pose, never the fix.
 */
const lidarPoseSchema = z.object({ lidarPose: z.array(z.number().finite()).length(16) });

export function parseSustechLidarPose(text: string, file: string): Pose3 {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new FormatError(file, "", `not valid JSON (${(e as Error).message})`);
  }
  const parsed = lidarPoseSchema.safeParse(json);
  if (!parsed.success)
    throw new FormatError(file, "at .lidarPose", parsed.error.issues[0]?.message ?? "expected 16 numbers");
  const m = parsed.data.lidarPose;
  const [m12 = NaN, m13 = NaN, m14 = NaN, m15 = NaN] = m.slice(12);
  if (!(Math.abs(m12) + Math.abs(m13) + Math.abs(m14) <= 1e-9 && Math.abs(m15 - 1) <= 1e-9))
    throw new FormatError(file, "at .lidarPose", "the last row must be 0 0 0 1 (a rigid transform)");
  return poseFromMatrix4RowMajor(m);
}

/** The file `parseSustechLidarPose` reads: `{ "lidarPose": [16 numbers, row-major] }`. */
export function serializeSustechLidarPose(worldFromLidar: Pose3): string {
  return `${JSON.stringify({ lidarPose: matrix4RowMajorFromPose(worldFromLidar) })}\n`;
}
