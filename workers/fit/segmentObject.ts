import { type GroundPlane, groundZAt } from "./estimateLocalGround";

export interface SegmentOptions {
  /** Where to start growing (cloud-local metres): the point nearest to it seeds the object. */
  seedX: number;
  seedY: number;
  /** Only points this close to (seedX, seedY) vote for their component: farther, the click missed it. */
  maxSeedDistanceM: number;
  /** Growth stays inside this disc around the seed position (the largest plausible object). */
  maxRadiusM: number;
  /** Points lower than this above the ground are ground. */
  minHeightAboveGroundM: number;
  /** Points higher than this above the ground (trees, signs) are not the object. */
  maxHeightAboveGroundM: number;
  /** Two occupied cells closer than this along the line of sight (radially) are the same object. */
  linkDistanceM: number;
  /**
   * Across the line of sight (tangentially) cells join only this close: a lidar samples densely in
   * azimuth and sparsely in elevation, so the range-grown gap between rings (a roof, a bonnet seen
   * from afar) is radial, while a tangential gap is a real gap (a car beside a hedge or a pole).
   * Default: linkDistanceM (isotropic). May exceed linkDistanceM (a coarse scan far away).
   */
  tangentialLinkDistanceM?: number;
  /** The lidar's position (cloud-local): defines radial and tangential. Default: the origin. */
  sensorX?: number;
  sensorY?: number;
}

const CELL_M = 0.1;

/**
 * Connected components on a 0.1 m BEV occupancy grid of the above-ground points (cells within
 * `linkDistanceM` join); the object is the component with the most points near the seed. BEV, not
 * 3D, because a lidar samples a vehicle's side in rings that can be 0.5 m apart vertically but
 * stack in plan view. Returns the object's points, xyz interleaved (cloud-local).
 */
export function segmentObject(xyz: Float32Array, ground: GroundPlane, o: SegmentOptions): Float32Array {
  const r = o.maxRadiusM;
  const side = Math.ceil((2 * r) / CELL_M) + 1;
  const x0 = o.seedX - r;
  const y0 = o.seedY - r;
  const count = xyz.length / 3;
  const cellOf = new Int32Array(count).fill(-1);
  const countPerCell = new Uint16Array(side * side);
  const r2 = r * r;
  for (let i = 0; i < count; i++) {
    const x = xyz[3 * i]!;
    const y = xyz[3 * i + 1]!;
    const h = xyz[3 * i + 2]! - groundZAt(ground, x, y);
    if (h < o.minHeightAboveGroundM || h > o.maxHeightAboveGroundM) continue;
    const dx = x - o.seedX;
    const dy = y - o.seedY;
    if (dx * dx + dy * dy > r2) continue;
    const c = Math.floor((y - y0) / CELL_M) * side + Math.floor((x - x0) / CELL_M);
    cellOf[i] = c;
    if (countPerCell[c]! < 65535) countPerCell[c]!++;
  }
  // Label every connected component, scoring each by its points near the seed (weight falls
  // linearly to 0 at maxSeedDistanceM): a stray point nearest the click (a return through a
  // window, a kerb stone) must not win over the object around it.
  const component = new Int32Array(side * side).fill(-1);
  const queue = new Int32Array(side * side);
  const reach = Math.max(1, Math.round(o.linkDistanceM / CELL_M));
  const reachT = Math.max(1, Math.round((o.tangentialLinkDistanceM ?? o.linkDistanceM) / CELL_M));
  const reachMax = Math.max(reach, reachT);
  // Unit line of sight from the lidar to the seed; over one object it barely turns.
  const losX = o.seedX - (o.sensorX ?? 0);
  const losY = o.seedY - (o.sensorY ?? 0);
  const losNorm = Math.hypot(losX, losY) || 1;
  const ux = losX / losNorm;
  const uy = losY / losNorm;
  // Offsets (cells) that link: inside the ellipse with semi-axes reach (radial) and reachT (tangential).
  const offsets: number[] = [];
  for (let dy = -reachMax; dy <= reachMax; dy++) {
    for (let dx = -reachMax; dx <= reachMax; dx++) {
      if (dx === 0 && dy === 0) continue;
      const radial = dx * ux + dy * uy;
      const tangential = -dx * uy + dy * ux;
      if ((radial / reach) ** 2 + (tangential / reachT) ** 2 <= 1 + 1e-9) offsets.push(dx, dy);
    }
  }
  const seedR = o.maxSeedDistanceM;
  let best = -1;
  let bestScore = 0;
  let label = 0;
  for (let start = 0; start < side * side; start++) {
    if (countPerCell[start] === 0 || component[start] !== -1) continue;
    let head = 0;
    let tail = 0;
    queue[tail++] = start;
    component[start] = label;
    let score = 0;
    while (head < tail) {
      const c = queue[head++]!;
      const cx = c % side;
      const cy = (c - cx) / side;
      const d = Math.hypot((cx + 0.5) * CELL_M - r, (cy + 0.5) * CELL_M - r);
      if (d < seedR) score += countPerCell[c]! * (1 - d / seedR);
      for (let q = 0; q < offsets.length; q += 2) {
        const nx = cx + offsets[q]!;
        const ny = cy + offsets[q + 1]!;
        if (nx < 0 || nx >= side || ny < 0 || ny >= side) continue;
        const nc = ny * side + nx;
        if (countPerCell[nc]! > 0 && component[nc] === -1) {
          component[nc] = label;
          queue[tail++] = nc;
        }
      }
    }
    if (score > bestScore) {
      bestScore = score;
      best = label;
    }
    label++;
  }
  if (best < 0) return new Float32Array(0);
  let k = 0;
  const out = new Float32Array(xyz.length);
  for (let i = 0; i < count; i++) {
    if (cellOf[i]! >= 0 && component[cellOf[i]!] === best) {
      out[k++] = xyz[3 * i]!;
      out[k++] = xyz[3 * i + 1]!;
      out[k++] = xyz[3 * i + 2]!;
    }
  }
  return out.subarray(0, k);
}
