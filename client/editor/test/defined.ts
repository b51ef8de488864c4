/**
 * `value`, or a failed test that says what was missing: for test steps that need a value the types
 * allow to be absent (a lookup, a find), where a non-null assertion would fail later and vaguely.
 */
export function defined<T>(value: T | null | undefined, what: string): T {
  if (value === null || value === undefined) throw new Error(`test setup: ${what} is missing`);
  return value;
}
