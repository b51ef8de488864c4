/** Solves the 3 × 3 system A·x = b (row-major A) by Cramer's rule; null when singular. */
export function solve3(A: Float64Array, b: Float64Array): [number, number, number] | null {
  const det3 = (m: readonly number[]) =>
    (m[0] ?? 0) * ((m[4] ?? 0) * (m[8] ?? 0) - (m[5] ?? 0) * (m[7] ?? 0)) -
    (m[1] ?? 0) * ((m[3] ?? 0) * (m[8] ?? 0) - (m[5] ?? 0) * (m[6] ?? 0)) +
    (m[2] ?? 0) * ((m[3] ?? 0) * (m[7] ?? 0) - (m[4] ?? 0) * (m[6] ?? 0));
  const m = [...A];
  const det = det3(m);
  if (Math.abs(det) < 1e-12) return null;
  const col = (k: number) => {
    const c = [...m];
    for (let u = 0; u < 3; u++) c[3 * u + k] = b[u] ?? 0;
    return det3(c) / det;
  };
  return [col(0), col(1), col(2)];
}
