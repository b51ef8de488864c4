import { mergeClusters } from "./mergeClusters";
import type { Vec3 } from "../geometry/vec3";
import type { CuboidSize } from "../model/Cuboid";
import type { ObstacleCluster } from "./clusterObstacles";

/** What the join reads of a detection: cloud-local box, class and measured extents. */
export interface JoinableDetection {
  className: string;
  centerM: Vec3;
  size: CuboidSize;
  yawRad: number;
  pointCount: number;
  shape: { lengthM: number; widthM: number };
}

/** Cars and vans: the classes whose size is known well enough to say what belongs to one. */
const HOSTS = new Set(["Car", "Van"]);
/** A fragment's centre may lie this far outside the host's box (points lie on surfaces, boxes enclose them). */
const INSIDE_MARGIN_M = 0.3;
/**
 * The joined points may span at most this share of the host's class size: two cars parked close
 * (0.6 m apart, 9.6 m in all) never pass, a car and a strip of its own roof or bonnet do.
 */
const MAX_JOINED_SHARE = 1.15;

/**
 * Blobs of one car cut apart by the clustering (Argoverse: 30 labelled cars at 20–60 m whose
 * points fell in two or three blobs, the biggest holding 30–70 % of them; windows return
 * nothing, so a far car's bonnet, roof and boot come back as separate rings): each car- or
 * van-like detection, biggest first, takes the smaller blobs whose centre lies in its
 * class-size box, when the joined points still fit one vehicle of its class and are detected as
 * a vehicle again (`detect`). Returns the blobs with their detections, joined ones replaced.
 */
export function joinCarFragments<D extends JoinableDetection>(
  found: ReadonlyArray<{ cluster: ObstacleCluster; d: D | null }>,
  detect: (cluster: ObstacleCluster) => D | null,
  classSize: (className: string) => CuboidSize,
): Array<{ cluster: ObstacleCluster; d: D | null }> {
  const items = found.map((f) => ({ ...f, absorbed: false, ...centroid(f.cluster) }));
  const hosts = items
    .filter((f) => f.d !== null && HOSTS.has(f.d.className))
    .sort((a, b) => b.cluster.xyz.length - a.cluster.xyz.length);
  for (const host of hosts) {
    if (host.absorbed || !host.d) continue;
    const box = host.d;
    const c = Math.cos(box.yawRad);
    const s = Math.sin(box.yawRad);
    const inside = (x: number, y: number) => {
      const dx = x - box.centerM.x;
      const dy = y - box.centerM.y;
      return (
        Math.abs(dx * c + dy * s) <= box.size.lengthM / 2 + INSIDE_MARGIN_M &&
        Math.abs(-dx * s + dy * c) <= box.size.widthM / 2 + INSIDE_MARGIN_M
      );
    };
    const parts = items.filter(
      (f) =>
        f !== host &&
        !f.absorbed &&
        f.cluster.xyz.length < host.cluster.xyz.length &&
        f.d === null &&
        inside(f.x, f.y),
    );
    if (parts.length === 0) continue;
    const joined = mergeClusters([host.cluster, ...parts.map((p) => p.cluster)]);
    const d = detect(joined);
    if (!d || !HOSTS.has(d.className)) continue;
    const prior = classSize(host.d.className);
    if (
      d.shape.lengthM > MAX_JOINED_SHARE * prior.lengthM ||
      d.shape.widthM > MAX_JOINED_SHARE * prior.widthM
    )
      continue;
    for (const p of parts) p.absorbed = true;
    host.cluster = joined;
    host.d = d;
  }
  return items.filter((f) => !f.absorbed).map(({ cluster, d }) => ({ cluster, d }));
}

function centroid(cluster: ObstacleCluster): { x: number; y: number } {
  const p = cluster.xyz;
  const n = p.length / 3;
  let x = 0;
  let y = 0;
  for (let i = 0; i < n; i++) {
    x += p[3 * i] ?? 0;
    y += p[3 * i + 1] ?? 0;
  }
  return { x: x / n, y: y / n };
}
