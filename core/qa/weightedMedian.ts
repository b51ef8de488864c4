/**
 * Weighted median of a non-empty list: the value where the sorted values' cumulative weight first
 * reaches half the total (the mean of the two values either side when it lands exactly on half, so
 * equal weights give median()'s answer). Throws on an empty list or a total weight that is not positive.
 */
export function weightedMedian(values: readonly number[], weights: readonly number[]): number {
  if (values.length === 0 || values.length !== weights.length)
    throw new Error(`weightedMedian: ${values.length} values and ${weights.length} weights`);
  const order = values.map((_, i) => i).sort((a, b) => (values[a] ?? 0) - (values[b] ?? 0));
  const total = weights.reduce((s, w) => s + w, 0);
  if (!(total > 0)) throw new Error(`weightedMedian: total weight ${total}`);
  const half = total / 2;
  let cumulative = 0;
  for (const [rank, i] of order.entries()) {
    cumulative += weights[i] ?? 0;
    const v = values[i] ?? 0;
    if (Math.abs(cumulative - half) <= 1e-12 * total) return (v + (values[order[rank + 1] ?? i] ?? v)) / 2;
    if (cumulative > half) return v;
  }
  return values[order[order.length - 1] ?? 0] ?? 0;
}
