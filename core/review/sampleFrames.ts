/**
 * The frames a sampled review looks at: `percent` of `frameStart..frameEnd` (inclusive), at least
 * one, spread evenly (the middle of each of n equal slices), ascending. 100 % is every frame.
 */
export function sampleFrames(frameStart: number, frameEnd: number, percent: number): number[] {
  const n = frameEnd - frameStart + 1;
  if (n <= 0) return [];
  const p = Math.min(100, Math.max(0, percent));
  const count = Math.min(n, Math.max(1, Math.ceil((n * p) / 100)));
  const out: number[] = [];
  for (let i = 0; i < count; i++) out.push(frameStart + Math.floor(((i + 0.5) * n) / count));
  return out;
}
