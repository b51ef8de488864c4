import { z } from "zod";
import { matrix4RowMajorFromPose, poseFromMatrix4RowMajor } from "../geometry/pose";
import type { CameraSensor } from "../model/CameraSensor";
import type { BoxLabel } from "./BoxLabel";
import {
  calibCoefficientsOf,
  DISTORTION_KEYS,
  DISTORTION_MODEL_KEYS,
  distortionFromCalib,
} from "./distortionFromCalib";
import { eulerXyzFromYawPitchRoll, yawPitchRollFromEulerXyz } from "./eulerXyz";
import { FormatError } from "./FormatError";

/**
 * SUSTechPOINTS scene layout:
 *   label/<frame>.json          [{ psr: { position, scale, rotation }, obj_type, obj_id }]
 *   calib/camera/<cam>.json     { extrinsic: 16 numbers row-major lidar→camera, intrinsic: 9 numbers row-major,
 *                                 optional distortion (see readSustechCalib) }
 * position is the box centre in lidar coordinates (m), scale the full size (m), rotation Euler
 * XYZ in radians as three.js applies it (see eulerXyz.ts).
 */

const xyzSchema = z.object({ x: z.number(), y: z.number(), z: z.number() });
const sustechBoxSchema = z.object({
  psr: z.object({ position: xyzSchema, scale: xyzSchema, rotation: xyzSchema }),
  obj_type: z.string().min(1),
  obj_id: z.union([z.string(), z.number()]).transform(String),
  obj_attr: z.string().optional(),
});
export type SustechBox = z.infer<typeof sustechBoxSchema>;
const sustechLabelFileSchema = z.array(sustechBoxSchema);

const calibSchema = z.object({
  extrinsic: z.array(z.number()).length(16),
  intrinsic: z.tuple([
    z.number(),
    z.number(),
    z.number(),
    z.number(),
    z.number(),
    z.number(),
    z.number(),
    z.number(),
    z.number(),
  ]),
});

function parseJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new FormatError(file, "", `not valid JSON (${(e as Error).message})`);
  }
}

function issuePlace(issue: z.core.$ZodIssue): string {
  return issue.path.length === 0
    ? ""
    : `at ${issue.path.map((p) => (typeof p === "number" ? `[${p}]` : `.${String(p)}`)).join("")}`;
}

/** Parses a label file; a box with a non-positive size or no obj_id is an error naming the entry. */
export function parseSustechLabels(text: string, file: string): BoxLabel[] {
  const parsed = sustechLabelFileSchema.safeParse(parseJson(text, file));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw issue
      ? new FormatError(file, issuePlace(issue), issue.message)
      : new FormatError(file, "", parsed.error.message);
  }
  return parsed.data.map((box, i): BoxLabel => {
    const { position, scale, rotation } = box.psr;
    if (!(scale.x > 0 && scale.y > 0 && scale.z > 0))
      throw new FormatError(
        file,
        `at [${i}].psr.scale`,
        `box size must be positive, got ${JSON.stringify(scale)}`,
      );
    if (box.obj_id === "") throw new FormatError(file, `at [${i}].obj_id`, "empty object id");
    return {
      trackId: box.obj_id,
      className: box.obj_type,
      centerM: { x: position.x, y: position.y, z: position.z },
      size: { lengthM: scale.x, widthM: scale.y, heightM: scale.z },
      ...yawPitchRollFromEulerXyz(rotation),
      attributes: box.obj_attr === undefined ? {} : { obj_attr: box.obj_attr },
    };
  });
}

export function sustechBoxFromLabel(b: BoxLabel): SustechBox {
  const attr = b.attributes.obj_attr;
  return {
    psr: {
      position: { ...b.centerM },
      scale: { x: b.size.lengthM, y: b.size.widthM, z: b.size.heightM },
      rotation: eulerXyzFromYawPitchRoll(b),
    },
    obj_type: b.className,
    obj_id: b.trackId,
    ...(typeof attr === "string" ? { obj_attr: attr } : {}),
  };
}

export const serializeSustechLabels = (boxes: readonly BoxLabel[]): string =>
  JSON.stringify(boxes.map(sustechBoxFromLabel));

export interface ImageSizePx {
  imageWidthPx: number;
  imageHeightPx: number;
}

/** A camera calibration as read, with the keys the reader did not understand (never dropped silently). */
export interface CalibReading {
  camera: CameraSensor;
  /** Keys the reader did not use, e.g. ["rolling_shutter"]: the caller reports them. */
  unknownKeys: string[];
}

const KNOWN_CALIB_KEYS = new Set<string>([
  "extrinsic",
  "intrinsic",
  ...DISTORTION_KEYS,
  ...DISTORTION_MODEL_KEYS,
]);

/**
 * calib/camera/<name>.json → a pinhole camera: `extrinsic` (16 numbers, row-major lidar→camera),
 * `intrinsic` (9 numbers, row-major K) and optional distortion under any common spelling
 * (`distortion`, `D`, `dist_coeffs`, …; OpenCV order, see distortionFromCalib). Two distortion
 * keys in one file are an error (which one is meant?); other keys come back in `unknownKeys`.
 */
export function readSustechCalib(text: string, file: string, name: string, image: ImageSizePx): CalibReading {
  const json = parseJson(text, file);
  const parsed = calibSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw issue
      ? new FormatError(file, issuePlace(issue), issue.message)
      : new FormatError(file, "", parsed.error.message);
  }
  const k = parsed.data.intrinsic;
  if (!(k[0] > 0 && k[4] > 0)) throw new FormatError(file, "at .intrinsic", "focal lengths must be positive");
  const obj = json as Record<string, unknown>;
  const keys = Object.keys(obj);
  const distortionKeys = keys.filter((key) => (DISTORTION_KEYS as readonly string[]).includes(key));
  if (distortionKeys.length > 1)
    throw new FormatError(file, "", `distortion given twice (${distortionKeys.join(", ")}): keep one`);
  const modelKey = keys.find((key) => (DISTORTION_MODEL_KEYS as readonly string[]).includes(key));
  const [distortionKey] = distortionKeys;
  const distortion =
    distortionKey !== undefined
      ? distortionFromCalib(
          obj[distortionKey],
          modelKey ? obj[modelKey] : undefined,
          file,
          `at .${distortionKey}`,
        )
      : ({ model: "none" } as const);
  return {
    camera: {
      name,
      ...image,
      intrinsics: { fxPx: k[0], skew: k[1], cxPx: k[2], fyPx: k[4], cyPx: k[5] },
      distortion,
      cameraFromLidar: poseFromMatrix4RowMajor(parsed.data.extrinsic),
    },
    unknownKeys: keys.filter((key) => !KNOWN_CALIB_KEYS.has(key)),
  };
}

/** readSustechCalib's camera (for callers that do not report unknown keys). */
export const parseSustechCalib = (
  text: string,
  file: string,
  name: string,
  image: ImageSizePx,
): CameraSensor => readSustechCalib(text, file, name, image).camera;

export function serializeSustechCalib(camera: CameraSensor): string {
  const k = camera.intrinsics;
  const { coefficients, model } = calibCoefficientsOf(camera.distortion);
  return JSON.stringify({
    extrinsic: matrix4RowMajorFromPose(camera.cameraFromLidar),
    intrinsic: [k.fxPx, k.skew, k.cxPx, 0, k.fyPx, k.cyPx, 0, 0, 1],
    ...(coefficients.length ? { distortion: coefficients } : {}),
    ...(model ? { distortion_model: model } : {}),
  });
}
