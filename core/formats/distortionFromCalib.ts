import type { Distortion } from "../model/CameraSensor";
import { FormatError } from "./FormatError";

/** The spellings of lens-distortion coefficients that calibration files use (OpenCV, ROS, Kalibr…). */
export const DISTORTION_KEYS = [
  "distortion",
  "D",
  "dist_coeffs",
  "distortion_coeffs",
  "distortion_coefficients",
  "distCoeffs",
] as const;
/** Names the distortion model: "plumb_bob"/"radtan"/"rational_polynomial" or "fisheye"/"equidistant". */
export const DISTORTION_MODEL_KEYS = ["distortion_model", "camera_model"] as const;

const FISHEYE = new Set(["fisheye", "equidistant", "kannala-brandt", "kannala_brandt"]);
const PINHOLE = new Set([
  "plumb_bob",
  "radtan",
  "radial-tangential",
  "rational_polynomial",
  "brown-conrady",
  "pinhole",
]);

/**
 * Distortion from a calibration file's coefficients, in OpenCV order: k1 k2 p1 p2 [k3 [k4 k5 k6]]
 * (4, 5 or 8 numbers; a 1×N or N×1 matrix is flattened; OpenCV's 12- and 14-coefficient forms are
 * accepted only when their thin-prism and tilt terms are 0, since the projection does not model
 * them). A fisheye model name takes k1..k4 as Kannala–Brandt. All zeros → no distortion.
 */
export function distortionFromCalib(
  coefficients: unknown,
  modelName: unknown,
  file: string,
  place: string,
): Distortion {
  const flat = Array.isArray(coefficients) ? coefficients.flat(2) : coefficients;
  if (!Array.isArray(flat) || !flat.every((v) => typeof v === "number" && Number.isFinite(v)))
    throw new FormatError(file, place, "distortion coefficients must be a list of finite numbers");
  const c = flat as number[];
  const model = typeof modelName === "string" ? modelName.toLowerCase() : undefined;
  if (model !== undefined && !FISHEYE.has(model) && !PINHOLE.has(model))
    throw new FormatError(
      file,
      place,
      `unknown distortion model "${modelName}" (known: ${[...PINHOLE, ...FISHEYE].join(", ")})`,
    );
  if (model && FISHEYE.has(model)) {
    const [k1, k2, k3, k4] = c;
    if (c.length !== 4 || k1 === undefined || k2 === undefined || k3 === undefined || k4 === undefined)
      throw new FormatError(file, place, `a ${model} model needs 4 coefficients k1..k4, got ${c.length}`);
    if (c.every((v) => v === 0)) return { model: "none" };
    return { model: "kannala-brandt", k1, k2, k3, k4 };
  }
  if (![4, 5, 8, 12, 14].includes(c.length))
    throw new FormatError(
      file,
      place,
      `expected 4, 5 or 8 distortion coefficients (OpenCV order k1 k2 p1 p2 [k3 [k4 k5 k6]]), got ${c.length}`,
    );
  if (c.length > 8 && c.slice(8).some((v) => v !== 0))
    throw new FormatError(
      file,
      place,
      "thin-prism or tilt distortion terms (OpenCV coefficients 9–14) are not supported; they must be 0",
    );
  if (c.every((v) => v === 0)) return { model: "none" };
  const [k1, k2, p1, p2, k3 = 0, k4 = 0, k5 = 0, k6 = 0] = c as [number, number, number, number, ...number[]];
  return {
    model: "brown-conrady",
    k1,
    k2,
    p1,
    p2,
    k3,
    ...(k4 || k5 || k6 ? { k4, k5, k6 } : {}),
  };
}

/** The coefficients in OpenCV order, as distortionFromCalib reads them back; [] for none. */
export function calibCoefficientsOf(d: Distortion): { coefficients: number[]; model?: string } {
  switch (d.model) {
    case "none":
      return { coefficients: [] };
    case "brown-conrady": {
      const base = [d.k1, d.k2, d.p1, d.p2, d.k3];
      return d.k4 || d.k5 || d.k6
        ? { coefficients: [...base, d.k4 ?? 0, d.k5 ?? 0, d.k6 ?? 0], model: "rational_polynomial" }
        : { coefficients: base };
    }
    case "kannala-brandt":
      return { coefficients: [d.k1, d.k2, d.k3, d.k4], model: "equidistant" };
  }
}
