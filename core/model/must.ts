/**
 * The value, or an Error that names what is missing. For a lookup the caller knows succeeds (an index
 * inside a length checked just before, a key inserted above): the claim is checked at run time
 * instead of asserted with `!`.
 */
export function must<T>(value: T | null | undefined, what: string): T {
  if (value === undefined || value === null) throw new Error(`missing ${what}`);
  return value;
}
