/**
 * Least-recently-used map bounded by the bytes of its values. `onEvict` sees every value that
 * leaves by eviction (not by `delete`); `isPinned` keys are never evicted (the frame on screen).
 */
export class LruByteCache<V> {
  private readonly entries = new Map<string, { value: V; bytes: number }>();
  private total = 0;

  constructor(
    private readonly maxBytes: number,
    private readonly onEvict: (key: string, value: V) => void,
    private readonly isPinned: (key: string) => boolean = () => false,
  ) {}

  get(key: string): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.value;
  }

  has(key: string): boolean {
    return this.entries.has(key);
  }

  set(key: string, value: V, bytes: number): void {
    const old = this.entries.get(key);
    if (old) {
      this.total -= old.bytes;
      this.entries.delete(key);
    }
    this.entries.set(key, { value, bytes });
    this.total += bytes;
    this.evict();
  }

  /** Removes every entry, calling onEvict for each. */
  clear(): void {
    for (const [key, entry] of this.entries) this.onEvict(key, entry.value);
    this.entries.clear();
    this.total = 0;
  }

  get bytes(): number {
    return this.total;
  }

  get size(): number {
    return this.entries.size;
  }

  evict(): void {
    for (const [key, entry] of this.entries) {
      if (this.total <= this.maxBytes) return;
      if (this.isPinned(key)) continue;
      this.entries.delete(key);
      this.total -= entry.bytes;
      this.onEvict(key, entry.value);
    }
  }
}
