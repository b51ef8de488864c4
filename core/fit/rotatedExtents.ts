/**
 * The extents of 2-D points (x, y pairs) along axes turned by theta: [min1, max1] along
 * (cos θ, sin θ), [min2, max2] along (−sin θ, cos θ).
 */
export function rotatedExtents(xy: Float32Array, theta: number) {
  const c = Math.cos(theta);
  const s = Math.sin(theta);
  let min1 = Number.POSITIVE_INFINITY;
  let max1 = Number.NEGATIVE_INFINITY;
  let min2 = Number.POSITIVE_INFINITY;
  let max2 = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < xy.length; i += 2) {
    const a = (xy[i] ?? 0) * c + (xy[i + 1] ?? 0) * s;
    const b = -(xy[i] ?? 0) * s + (xy[i + 1] ?? 0) * c;
    if (a < min1) min1 = a;
    if (a > max1) max1 = a;
    if (b < min2) min2 = b;
    if (b > max2) max2 = b;
  }
  return { min1, max1, min2, max2 };
}
