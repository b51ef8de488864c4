/** A spinning lidar: beams spread linearly over [elevationMinDeg, elevationMaxDeg], one column per azimuth step. */
export interface LidarConfig {
  beams: number;
  elevationMaxDeg: number;
  elevationMinDeg: number;
  azimuthStepDeg: number;
  maxRangeM: number;
  /** Standard deviation of the range noise; it is clamped to ±3σ. */
  rangeNoiseSigmaM: number;
  /** Probability that a return is lost, before the extra loss that grows with range. */
  dropoutProbability: number;
}

export const DEFAULT_LIDAR: LidarConfig = {
  beams: 64,
  elevationMaxDeg: 2,
  elevationMinDeg: -24.9,
  azimuthStepDeg: 0.2,
  maxRangeM: 120,
  rangeNoiseSigmaM: 0.012,
  dropoutProbability: 0.02,
};
