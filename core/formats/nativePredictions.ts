import { type PredictedBox, predictedBoxSchema } from "../prelabel/PredictionRun";
import { FormatError } from "./FormatError";

/**
 * The project's own predictions file, as `npm run prelabel` writes it: a JSON array of
 * `{frame, trackId, class, score, center, size, yaw}` (frame = the frame's name, lidar frame,
 * metres, radians).
 */
export function parseNativePredictions(text: string, file: string): PredictedBox[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new FormatError(file, "", `not JSON (${(e as Error).message})`);
  }
  if (!Array.isArray(json))
    throw new FormatError(
      file,
      "",
      "expected a JSON array of {frame, trackId, class, score, center, size, yaw}",
    );
  return json.map((entry, i) => {
    const parsed = predictedBoxSchema.safeParse(entry);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      if (!issue) throw new FormatError(file, `entry [${i}]`, parsed.error.message);
      throw new FormatError(
        file,
        `entry [${i}]${issue.path.map((p) => `.${String(p)}`).join("")}`,
        issue.message,
      );
    }
    return parsed.data;
  });
}
