import { useCallback, useEffect, useState } from "react";
import { errorMessage } from "../i18n/errorMessage";
import { sendJson } from "./api";

/** GETs a JSON resource for a page; `reload()` fetches it again after a change. */
export function useApi<T>(url: string | null): { data: T | null; error: string | null; reload: () => void } {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  useEffect(() => {
    if (!url) return;
    let live = true;
    void version;
    sendJson<T>("GET", url).then(
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
  }, [url, version]);
  return { data, error, reload: useCallback(() => setVersion((v) => v + 1), []) };
}
