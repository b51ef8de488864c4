/**
 * A minimal observable store: one immutable state object replaced on every change. React reads it
 * through useSyncExternalStore (see app/useEditorState.ts); nothing here knows about React.
 */
export interface Store<T> {
  get(): T;
  /** Replaces the fields given; listeners run synchronously once per call. */
  update(patch: Partial<T> | ((s: T) => Partial<T>)): void;
  subscribe(listener: (state: T, previous: T) => void): () => void;
}

export function createStore<T extends object>(initial: T): Store<T> {
  let state = initial;
  const listeners = new Set<(s: T, p: T) => void>();
  return {
    get: () => state,
    update(patch) {
      const previous = state;
      const p = typeof patch === "function" ? patch(state) : patch;
      state = { ...state, ...p };
      for (const l of [...listeners]) l(state, previous);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
