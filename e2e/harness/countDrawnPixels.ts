import { PNG } from "pngjs";

/**
 * Counts pixels in a PNG screenshot that differ from the background colour by more than `tolerance` in
 * any channel, optionally only those matching `predicate`.
 */
export function countDrawnPixels(
  png: Buffer,
  background: readonly [number, number, number],
  options: { tolerance?: number; predicate?: (r: number, g: number, b: number) => boolean } = {},
): number {
  const image = PNG.sync.read(png);
  const tolerance = options.tolerance ?? 24;
  let count = 0;
  for (let i = 0; i < image.data.length; i += 4) {
    const r = image.data[i] ?? 0;
    const g = image.data[i + 1] ?? 0;
    const b = image.data[i + 2] ?? 0;
    const differs =
      Math.abs(r - background[0]) > tolerance ||
      Math.abs(g - background[1]) > tolerance ||
      Math.abs(b - background[2]) > tolerance;
    if (differs && (!options.predicate || options.predicate(r, g, b))) count++;
  }
  return count;
}
