import { isPointInBox } from "../../core/geometry/cuboidCorners";
import type { Cuboid } from "../../core/model/Cuboid";
import type { ColorMode } from "../editor/EditorState";
import { colormapTurbo } from "./colormapTurbo";

export interface PointBufferInput {
  /** Origin-relative x,y,z (float32), as the loader returns them. */
  positions: Float32Array;
  intensity?: Float32Array;
  count: number;
  originM: { x: number; y: number; z: number };
  colorMode: ColorMode;
  /** The frame's cuboids, for "label" colouring and focus mode. */
  cuboids: readonly Cuboid[];
  classColors: ReadonlyMap<string, [number, number, number]>;
  /** When set, only points within this cuboid grown by `focusMarginM` are kept. */
  focus: Cuboid | null;
  focusMarginM?: number;
}

/** Height colours span this range (lidar z, metres): ground at about −1.8 m to roof level. */
export const HEIGHT_RANGE_M: readonly [number, number] = [-2.5, 2.5];
export const DISTANCE_RANGE_M = 60;
const UNLABELED: [number, number, number] = [0.45, 0.47, 0.5];

/**
 * Writes the points to draw into `outPositions` (lidar frame, float32) and `outColors` (RGB 0..1),
 * filtering by focus; returns how many were written. Pure: the viewer calls it only when the frame,
 * the colour mode, the focus or (for label colouring) the cuboids change, never per rendered frame.
 */
export function fillPointBuffers(
  input: PointBufferInput,
  outPositions: Float32Array,
  outColors: Float32Array,
): number {
  const { positions, intensity, count, originM, colorMode, cuboids, focus } = input;
  const margin = input.focusMarginM ?? 2;
  let maxIntensity = 0;
  if (colorMode === "intensity" && intensity) {
    for (const v of intensity.subarray(0, count)) if (v > maxIntensity) maxIntensity = v;
    if (maxIntensity > 1.5) maxIntensity = Math.min(maxIntensity, 255); // 0..255 sensors; clip outliers
  }
  const focusR = focus
    ? Math.hypot(focus.size.lengthM, focus.size.widthM, focus.size.heightM) / 2 + margin
    : 0;
  const labelBoxes =
    colorMode === "label"
      ? cuboids.map((c) => ({ c, r: Math.hypot(c.size.lengthM, c.size.widthM, c.size.heightM) / 2 }))
      : [];
  const rgb: [number, number, number] = [0, 0, 0];
  const p = { x: 0, y: 0, z: 0 };
  let n = 0;
  for (let i = 0; i < count; i++) {
    p.x = (positions[3 * i] ?? 0) + originM.x;
    p.y = (positions[3 * i + 1] ?? 0) + originM.y;
    p.z = (positions[3 * i + 2] ?? 0) + originM.z;
    if (focus) {
      const dx = p.x - focus.centerM.x;
      const dy = p.y - focus.centerM.y;
      const dz = p.z - focus.centerM.z;
      if (dx * dx + dy * dy + dz * dz > focusR * focusR) continue;
    }
    switch (colorMode) {
      case "height":
        colormapTurbo((p.z - HEIGHT_RANGE_M[0]) / (HEIGHT_RANGE_M[1] - HEIGHT_RANGE_M[0]), rgb);
        break;
      case "distance":
        colormapTurbo(1 - Math.hypot(p.x, p.y) / DISTANCE_RANGE_M, rgb);
        break;
      case "intensity": {
        const v = intensity && maxIntensity > 0 ? (intensity[i] ?? 0) / maxIntensity : 0.5;
        const g = 0.25 + 0.75 * Math.sqrt(Math.min(1, Math.max(0, v)));
        rgb[0] = g;
        rgb[1] = g;
        rgb[2] = g;
        break;
      }
      case "label": {
        rgb[0] = UNLABELED[0];
        rgb[1] = UNLABELED[1];
        rgb[2] = UNLABELED[2];
        for (const { c, r } of labelBoxes) {
          const dx = p.x - c.centerM.x;
          const dy = p.y - c.centerM.y;
          const dz = p.z - c.centerM.z;
          if (dx * dx + dy * dy + dz * dz <= r * r && isPointInBox(p, c)) {
            const col = input.classColors.get(c.className);
            if (col) [rgb[0], rgb[1], rgb[2]] = col;
            break;
          }
        }
        break;
      }
    }
    outPositions[3 * n] = p.x;
    outPositions[3 * n + 1] = p.y;
    outPositions[3 * n + 2] = p.z;
    outColors[3 * n] = rgb[0];
    outColors[3 * n + 1] = rgb[1];
    outColors[3 * n + 2] = rgb[2];
    n++;
  }
  return n;
}

/** "#rrggbb" → [r,g,b] in 0..1. */
export function rgbFromHex(hex: string): [number, number, number] {
  const v = Number.parseInt(hex.slice(1), 16);
  return [((v >> 16) & 255) / 255, ((v >> 8) & 255) / 255, (v & 255) / 255];
}
