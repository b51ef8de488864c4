/**
 * Tests' non-null check: the value, or a thrown Error naming what was missing (instead of a `!`
 * assertion, which hides an absent element as a TypeError further down).
 */
export function defined<T>(value: T | null | undefined, what = "value"): T {
  if (value === null || value === undefined) throw new Error(`expected ${what}, got ${value}`);
  return value;
}
