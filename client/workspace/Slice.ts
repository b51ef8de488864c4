import type { Store } from "../editor/createStore";

/**
 * One piece of the workspace a view shows, in the shape React's useSyncExternalStore takes: the
 * snapshot is stable (same value, same reference) until it changes, and listeners run only then.
 */
export interface Slice<T> {
  getSnapshot(): T;
  subscribe(listener: () => void): () => void;
}

export interface WritableSlice<T> extends Slice<T> {
  /** Replaces the value; listeners run when it differs (Object.is). */
  set(next: T): void;
}

export function createSlice<T>(initial: T): WritableSlice<T> {
  let value = initial;
  const listeners = new Set<() => void>();
  return {
    getSnapshot: () => value,
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    set(next) {
      if (Object.is(next, value)) return;
      value = next;
      for (const l of [...listeners]) l();
    },
  };
}

/** A slice of a store: listeners run only when `select`'s value changes (Object.is). */
export function sliceOfStore<S, T>(store: Store<S>, select: (s: S) => T): Slice<T> {
  return {
    getSnapshot: () => select(store.get()),
    subscribe: (listener) =>
      store.subscribe((s, p) => {
        if (!Object.is(select(s), select(p))) listener();
      }),
  };
}
