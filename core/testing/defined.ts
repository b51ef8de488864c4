/**
 * `value`, or a thrown Error naming `what` when it is undefined: for tests reading an array
 * element or map entry they know is there (no `!` assertions, noUncheckedIndexedAccess).
 */
export function defined<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`expected ${what}, found nothing`);
  return value;
}
