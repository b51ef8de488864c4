/** Median of a non-empty list (mean of the middle two for an even count); throws on an empty one. */
export function median(values: readonly number[]): number {
  const s = Float64Array.from(values).sort();
  const h = s.length >> 1;
  const upper = s[h];
  const lower = s.length % 2 === 1 ? upper : s[h - 1];
  if (upper === undefined || lower === undefined) throw new Error("median: no values");
  return (lower + upper) / 2;
}
