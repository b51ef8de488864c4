/**
 * A decoded point cloud as structure-of-arrays.
 *
 * `positions` holds x,y,z interleaved as float32, relative to `originM` (float64), so far-away
 * coordinates (UTM) keep millimetre precision: world = originM + positions[i]. Every attribute array
 * has exactly `pointCount` × `components` entries. Non-finite points are never present.
 */
export interface PointCloud {
  pointCount: number;
  positions: Float32Array;
  originM: { x: number; y: number; z: number };
  /** Named per-point attributes, e.g. intensity, rgb, ring, timestampS, label; unknown fields keep their names. */
  attributes: Record<string, PointAttribute>;
}

export type AttributeArray =
  | Float32Array
  | Float64Array
  | Int8Array
  | Uint8Array
  | Int16Array
  | Uint16Array
  | Int32Array
  | Uint32Array;

export interface PointAttribute {
  values: AttributeArray;
  /** Values per point (e.g. 1 for intensity, 3 for rgb as r,g,b bytes). */
  components: number;
}

/** Axis-aligned bounds in the cloud's own (origin-relative) coordinates, metres. */
export interface Bounds3 {
  min: { x: number; y: number; z: number };
  max: { x: number; y: number; z: number };
}
