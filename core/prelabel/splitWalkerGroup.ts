import type { ObstacleCluster } from "./clusterObstacles";

/**
 * A blob no bigger than a few people standing side by side (SUSTechPOINTS: two walkers beside a
 * 2.5 m sign made one 1.8 m × 1.6 m blob, rejected whole).
 */
const MAX_GROUP_LENGTH_M = 3;
const MAX_GROUP_WIDTH_M = 2;
/** BEV cells of the height map: a head is ~0.2 m across. */
const CELL_M = 0.1;
/** Someone's head stands at least this high above the ground (a child's, or a bent walker's). */
const MIN_HEAD_M = 1.1;
/**
 * Between two people the tops drop: heads are 1.5–1.9 m and nothing between two bodies stands
 * within 0.25 m of the lower head. A car's rear is highest in its middle (the roof's crown), a
 * bin's or a hedge's top is flat: neither holds two peaks that far above what joins them.
 */
const MIN_DIP_M = 0.25;
/**
 * How far (in cells) a cell reaches its neighbours: at 34 m a 40-beam lidar leaves a walker's
 * columns 0.1–0.2 m apart (SUSTechPOINTS: a 25-point walker came apart into two "heads" with
 * 0.1 m cells and no reach), while near the sensor two walkers' shoulders are 0.1 m apart.
 */
const reachCells = (rangeM: number): number => (rangeM < 20 ? 1 : rangeM < 40 ? 2 : 3);
/** A peak holding fewer points (absolute, or of the blob) is an arm, a bag or a stray return. */
const MIN_PART_POINTS = 8;
const MIN_PART_SHARE = 0.1;
/** Two peaks closer than this (BEV, between their points' centres) are one person's head and shoulder. */
const MIN_PEOPLE_APART_M = 0.35;

/**
 * A blob the classifier calls a vehicle is kept whole (see detectObjects' walkersOf) unless it is
 * no longer than a car is wide and each of its walkers holds at least this many points: people
 * standing close together, seen near. SUSTechPOINTS: two walkers at 9 m, 1.83 m × 0.79 m, 487
 * points, called a car. On the three recordings in ../shared/data, 37 blobs this short called a
 * vehicle split into walkers only; in 35 the smallest part held 8–39 points (a windscreen's
 * pillars, a car and its mirror, a walker beside a motorbike), in 2 it held 83 and 213.
 */
const MIN_POINTS_PER_WALKER_IN_VEHICLE_BLOB = 40;
const MAX_VEHICLE_BLOB_OF_WALKERS_LENGTH_M = 2.3;

/** Whether walker parts cut from a blob called a vehicle (all of them walkers) are people, not the vehicle's parts. */
export function walkersInVehicleBlob(blobLengthM: number, parts: readonly ObstacleCluster[]): boolean {
  return (
    blobLengthM <= MAX_VEHICLE_BLOB_OF_WALKERS_LENGTH_M &&
    parts.every((p) => p.xyz.length / 3 >= MIN_POINTS_PER_WALKER_IN_VEHICLE_BLOB)
  );
}

/**
 * Cuts a blob of people standing side by side (or beside a sign or a post) into one blob per
 * peak of its BEV height map: a watershed from the highest cell down, where two peaks stay apart
 * only when what joins them lies at least MIN_DIP_M below the lower one. Peaks lower than a head,
 * or holding few points, join the nearest kept one. Returns the blob itself when it has one peak.
 */
export function splitWalkerGroup(cluster: ObstacleCluster, rangeM: number): ObstacleCluster[] {
  const p = cluster.xyz;
  const n = p.length / 3;
  if (n < 2 * MIN_PART_POINTS || cluster.heightM < MIN_HEAD_M) return [cluster];
  let x0 = Number.POSITIVE_INFINITY;
  let y0 = Number.POSITIVE_INFINITY;
  let x1 = Number.NEGATIVE_INFINITY;
  let y1 = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < n; i++) {
    x0 = Math.min(x0, p[3 * i] ?? 0);
    x1 = Math.max(x1, p[3 * i] ?? 0);
    y0 = Math.min(y0, p[3 * i + 1] ?? 0);
    y1 = Math.max(y1, p[3 * i + 1] ?? 0);
  }
  // Axis-aligned bounds: a group is at most MAX_GROUP_LENGTH_M long at any heading.
  const diag = Math.hypot(x1 - x0, y1 - y0);
  if (diag > Math.hypot(MAX_GROUP_LENGTH_M, MAX_GROUP_WIDTH_M)) return [cluster];
  if (Math.min(x1 - x0, y1 - y0) > MAX_GROUP_WIDTH_M || Math.max(x1 - x0, y1 - y0) > MAX_GROUP_LENGTH_M)
    return [cluster];
  const nx = Math.floor((x1 - x0) / CELL_M) + 1;
  const ny = Math.floor((y1 - y0) / CELL_M) + 1;
  const cellOf = new Int32Array(n);
  const top = new Float32Array(nx * ny).fill(Number.NEGATIVE_INFINITY);
  for (let i = 0; i < n; i++) {
    const c =
      Math.floor(((p[3 * i + 1] ?? 0) - y0) / CELL_M) * nx + Math.floor(((p[3 * i] ?? 0) - x0) / CELL_M);
    cellOf[i] = c;
    top[c] = Math.max(top[c] ?? 0, (p[3 * i + 2] ?? 0) - cluster.groundZM);
  }
  const cells: number[] = [];
  for (let c = 0; c < nx * ny; c++)
    if ((top[c] ?? Number.NEGATIVE_INFINITY) > Number.NEGATIVE_INFINITY) cells.push(c);
  cells.sort((a, b) => (top[b] ?? 0) - (top[a] ?? 0));
  // Watershed with union-find over basins; a basin's peak is its first (highest) cell's top.
  const basinOf = new Int32Array(nx * ny).fill(-1);
  const parent: number[] = [];
  const peak: number[] = [];
  const find = (b: number): number => {
    let r = b;
    while (parent[r] !== r) r = parent[r] ?? r;
    parent[b] = r;
    return r;
  };
  const k = reachCells(rangeM);
  for (const c of cells) {
    const h = top[c] ?? 0;
    const cx = c % nx;
    const cy = Math.floor(c / nx);
    let own = -1;
    for (let dy = -k; dy <= k; dy++)
      for (let dx = -k; dx <= k; dx++) {
        if (cx + dx < 0 || cx + dx >= nx || cy + dy < 0 || cy + dy >= ny) continue;
        const b = basinOf[(cy + dy) * nx + cx + dx] ?? -1;
        if (b < 0) continue;
        const r = find(b);
        if (own < 0) own = r;
        else if (r !== own) {
          // This cell is the saddle between two basins: a shallow dip makes them one.
          const lower = Math.min(peak[r] ?? 0, peak[own] ?? 0);
          if (h > lower - MIN_DIP_M) {
            const [hi, lo] = (peak[r] ?? 0) >= (peak[own] ?? 0) ? [r, own] : [own, r];
            parent[lo] = hi;
            own = hi;
          }
        }
      }
    if (own < 0) {
      own = parent.length;
      parent.push(own);
      peak.push(h);
    }
    basinOf[c] = own;
  }
  // Points per basin, and which basins are people.
  const basinOfPoint = new Int32Array(n);
  const count = new Map<number, { n: number; sx: number; sy: number }>();
  for (let i = 0; i < n; i++) {
    const b = find(basinOf[cellOf[i] ?? 0] ?? 0);
    basinOfPoint[i] = b;
    const s = count.get(b) ?? { n: 0, sx: 0, sy: 0 };
    s.n++;
    s.sx += p[3 * i] ?? 0;
    s.sy += p[3 * i + 1] ?? 0;
    count.set(b, s);
  }
  const minPoints = Math.max(MIN_PART_POINTS, MIN_PART_SHARE * n);
  const heads = [...count.entries()]
    .filter(([b, s]) => (peak[b] ?? 0) >= MIN_HEAD_M && s.n >= minPoints)
    .map(([b, s]) => ({ b, x: s.sx / s.n, y: s.sy / s.n, n: s.n }))
    .sort((a, b) => b.n - a.n);
  const kept: typeof heads = [];
  for (const h of heads)
    if (kept.every((k) => Math.hypot(k.x - h.x, k.y - h.y) >= MIN_PEOPLE_APART_M)) kept.push(h);
  if (kept.length < 2) return [cluster];
  // Every basin joins the kept head nearest its points' centre.
  const partOfBasin = new Map<number, number>();
  for (const [b, s] of count) {
    let best = 0;
    let bestD = Number.POSITIVE_INFINITY;
    kept.forEach((k, j) => {
      const d = Math.hypot(k.x - s.sx / s.n, k.y - s.sy / s.n);
      if (d < bestD) {
        bestD = d;
        best = j;
      }
    });
    partOfBasin.set(b, best);
  }
  return kept.map((_, j) => {
    const members: number[] = [];
    for (let i = 0; i < n; i++) if (partOfBasin.get(basinOfPoint[i] ?? 0) === j) members.push(i);
    const xyz = new Float32Array(3 * members.length);
    let top = 0;
    members.forEach((i, k) => {
      xyz[3 * k] = p[3 * i] ?? 0;
      xyz[3 * k + 1] = p[3 * i + 1] ?? 0;
      xyz[3 * k + 2] = p[3 * i + 2] ?? 0;
      top = Math.max(top, (p[3 * i + 2] ?? 0) - cluster.groundZM);
    });
    return { xyz, groundZM: cluster.groundZM, heightM: Math.min(top, cluster.heightM) };
  });
}
