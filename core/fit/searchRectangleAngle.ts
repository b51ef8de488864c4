/**
 * The BEV orientation θ ∈ [lo, hi] whose bounding rectangle hugs the points best, by the
 * closeness criterion of Zhang et al. 2017 ("Efficient L-shape fitting"): each point scores
 * 1 / max(distance to the nearest rectangle edge, d0), the edges trimmed of outliers (TRIM_SHARE). Coarse-to-fine: 4° steps, then 1°, then
 * 0.2° around the best, ~40 evaluations in all instead of 450 at a flat 0.2°.
 * `xy` is interleaved x, y (cloud-local metres). Without a window, θ ∈ [0, π/2) covers every rectangle.
 */
export function searchRectangleAngle(xy: Float32Array, lo = 0, hi = Math.PI / 2): number {
  let best = lo;
  let bestScore = Number.NEGATIVE_INFINITY;
  const fullTurn = hi - lo >= Math.PI / 2 - 1e-9;
  let from = lo;
  let to = fullTurn ? hi - 1e-9 : hi;
  for (const stepDeg of [4, 1, 0.2]) {
    const step = (stepDeg * Math.PI) / 180;
    for (let t = from; t <= to + 1e-12; t += step) {
      const s = closenessScore(xy, t);
      if (s > bestScore) {
        bestScore = s;
        best = t;
      }
    }
    from = best - step;
    to = best + step;
    if (!fullTurn) {
      from = Math.max(lo, from);
      to = Math.min(hi, to);
    }
  }
  return best;
}

const D0_M = 0.05;
/**
 * Each side of the rectangle is laid at the 1st (99th) percentile of the points along its axis,
 * not the extreme: one stray return (a mirror, a return through a window, a fragment of the
 * neighbour) otherwise pulls a side off the face, and every point then scores against the wrong
 * edge. On the Argoverse log's vehicles with ≥ 30 points, median heading error 3.23° → 2.50°
 * (SUSTechPOINTS 2.06° → 1.19°; synthetic 0.15° unchanged). 2% did better there (2.14°) but
 * turned KITTI 000002's well-seen car by 8° (its few extreme points are its real ends).
 */
const TRIM_SHARE = 0.01;

export function closenessScore(xy: Float32Array, thetaRad: number): number {
  const c = Math.cos(thetaRad);
  const s = Math.sin(thetaRad);
  const n = xy.length / 2;
  const along = new Float64Array(n);
  const across = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const x = xy[2 * i] ?? 0;
    const y = xy[2 * i + 1] ?? 0;
    along[i] = x * c + y * s;
    across[i] = -x * s + y * c;
  }
  const sortedAlong = along.slice().sort();
  const sortedAcross = across.slice().sort();
  const q = Math.min(Math.floor(n * TRIM_SHARE), n - 1);
  const min1 = sortedAlong[q] ?? 0;
  const max1 = sortedAlong[n - 1 - q] ?? 0;
  const min2 = sortedAcross[q] ?? 0;
  const max2 = sortedAcross[n - 1 - q] ?? 0;
  let score = 0;
  for (let i = 0; i < n; i++) {
    const a = along[i] ?? 0;
    const b = across[i] ?? 0;
    // Trimmed points lie outside their side: their distance to it counts like any other's.
    const d = Math.min(Math.abs(a - min1), Math.abs(max1 - a), Math.abs(b - min2), Math.abs(max2 - b));
    score += 1 / Math.max(d, D0_M);
  }
  return score;
}
