const turns = new WeakMap<object, Map<string, { running: number; waiting: Array<() => void> }>>();

/**
 * Runs `run` once fewer than `limit` runs of the same `owner` and `key` are in progress; the others
 * wait in memory, first come first served. Keys of one owner do not wait on each other.
 */
export async function inTurn<T>(
  owner: object,
  key: string,
  limit: number,
  run: () => Promise<T>,
): Promise<T> {
  let byKey = turns.get(owner);
  if (!byKey) turns.set(owner, (byKey = new Map()));
  let turn = byKey.get(key);
  if (!turn) byKey.set(key, (turn = { running: 0, waiting: [] }));
  const mine = turn;
  // A finished run hands its slot straight to the next waiter, so `running` never dips between them.
  if (mine.running >= limit) await new Promise<void>((r) => mine.waiting.push(r));
  else mine.running++;
  try {
    return await run();
  } finally {
    const next = mine.waiting.shift();
    if (next) next();
    else if (--mine.running === 0) byKey.delete(key);
  }
}
