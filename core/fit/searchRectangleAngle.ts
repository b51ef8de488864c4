/**
 * The BEV orientation θ ∈ [lo, hi] whose bounding rectangle hugs the points best, by the
 * closeness criterion of Zhang et al. 2017 ("Efficient L-shape fitting"): each point scores
 * 1 / max(distance to the nearest rectangle edge, d0). Coarse-to-fine: 4° steps, then 1°, then
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

export function closenessScore(xy: Float32Array, thetaRad: number): number {
  const c = Math.cos(thetaRad);
  const s = Math.sin(thetaRad);
  const n = xy.length / 2;
  let min1 = Number.POSITIVE_INFINITY;
  let max1 = Number.NEGATIVE_INFINITY;
  let min2 = Number.POSITIVE_INFINITY;
  let max2 = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < n; i++) {
    const x = xy[2 * i]!;
    const y = xy[2 * i + 1]!;
    const a = x * c + y * s;
    const b = -x * s + y * c;
    if (a < min1) min1 = a;
    if (a > max1) max1 = a;
    if (b < min2) min2 = b;
    if (b > max2) max2 = b;
  }
  let score = 0;
  for (let i = 0; i < n; i++) {
    const x = xy[2 * i]!;
    const y = xy[2 * i + 1]!;
    const a = x * c + y * s;
    const b = -x * s + y * c;
    const d = Math.min(a - min1, max1 - a, b - min2, max2 - b);
    score += 1 / Math.max(d, D0_M);
  }
  return score;
}
