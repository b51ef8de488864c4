import { DEFAULT_LIDAR, type LidarConfig } from "./LidarConfig";

export interface GeneratorOptions {
  seed: number;
  frames: number;
  lidar: LidarConfig;
  imageWidthPx: number;
  imageHeightPx: number;
  /** jpeg-js quality 1..100. */
  jpegQuality: number;
  /** Sequence name in the manifest. */
  name: string;
  /** Time between frames, µs (default FRAME_INTERVAL_US: 10 Hz). The KITTI layout assumes 10 Hz. */
  frameIntervalUs?: number;
  /** The ego's speed along its lane, m/s (default the scene's, 10): e.g. a fast 15 Hz test drive. */
  egoSpeedMps?: number;
}

export const FRAME_INTERVAL_US = 100_000;
/** Timestamp of frame 0, a fixed instant (2023-11-14T22:13:20Z) so output never depends on the clock. */
export const START_TIMESTAMP_US = 1_700_000_000_000_000;

/**
 * The committed default sequence (sample-data/default). A 64-beam 0.2° sweep is ~110k points
 * (1.8 MB as PCD binary; LZF does not shrink noisy float32 coordinates), so 50 frames of it cannot
 * fit the 20 MB budget. The default uses 32 beams at 0.72° (500 columns, ~15k points, ~245 kB a
 * frame, 12 MB in all) and JPEG quality 65 for the two 1280×720 cameras (~95 kB a frame pair):
 * about 18 MB with sequence.json. README.md has the measured sizes.
 */
export const DEFAULT_PRESET: GeneratorOptions = {
  seed: 1,
  frames: 50,
  lidar: { ...DEFAULT_LIDAR, beams: 32, elevationMaxDeg: 2, elevationMinDeg: -24.9, azimuthStepDeg: 0.72 },
  imageWidthPx: 1280,
  imageHeightPx: 720,
  jpegQuality: 65,
  name: "synthetic-seed-1",
};

/** Benchmark sequence for sample-data/out: 200 frames of a 128-beam 0.1° lidar (~440k points a sweep; 5 merged ≈ 2.2M). */
export const BIG_PRESET: GeneratorOptions = {
  seed: 1,
  frames: 200,
  lidar: { ...DEFAULT_LIDAR, beams: 128, elevationMaxDeg: 2, elevationMinDeg: -24.9, azimuthStepDeg: 0.1 },
  imageWidthPx: 1280,
  imageHeightPx: 720,
  jpegQuality: 85,
  name: "synthetic-big-seed-1",
};
