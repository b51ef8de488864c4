import { type DependencyList, useCallback, useEffect, useState } from "react";
import { errorMessage } from "../i18n/errorMessage";

/**
 * Loads a page's resource with a typed call of `apiClient` (`() => ok(apiClient.api.….$get(…))`);
 * the call runs again when `deps` change or after `reload()`. `call` null: nothing to load.
 */
export function useApiCall<T>(
  call: (() => Promise<T>) | null,
  deps: DependencyList,
): { data: T | null; error: string | null; reload: () => void } {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the caller's deps name what `call` reads.
  useEffect(() => {
    if (!call) return;
    let live = true;
    void version;
    call().then(
      (d) => {
        if (!live) return;
        setData(d);
        setError(null);
      },
      (e: Error) => {
        if (live) setError(errorMessage(e));
      },
    );
    return () => {
      live = false;
    };
  }, [...deps, version, call === null]);
  return { data, error, reload: useCallback(() => setVersion((v) => v + 1), []) };
}
