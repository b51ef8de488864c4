import type { ObstacleCluster } from "./clusterObstacles";

/** One cluster of several: their points together, the point-weighted ground height, the tallest height. */
export function mergeClusters(parts: readonly ObstacleCluster[]): ObstacleCluster {
  if (parts.length === 1 && parts[0]) return parts[0];
  const n = parts.reduce((a, p) => a + p.xyz.length, 0);
  const xyz = new Float32Array(n);
  let at = 0;
  let groundSum = 0;
  let heightM = 0;
  for (const p of parts) {
    xyz.set(p.xyz, at);
    at += p.xyz.length;
    groundSum += p.groundZM * p.xyz.length;
    heightM = Math.max(heightM, p.heightM);
  }
  return { xyz, groundZM: groundSum / n, heightM };
}
