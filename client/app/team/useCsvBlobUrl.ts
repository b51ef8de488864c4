import { useEffect, useMemo } from "react";
import { toCsv } from "../../../core/analytics/toCsv";

/**
 * An object URL of `rows` as CSV (core/analytics/toCsv, the API's writer), for tables whose CSV
 * must hold what the page shows (translated names); revoked when the rows change or the page goes.
 */
export function useCsvBlobUrl<T extends object>(
  rows: readonly T[] | undefined,
  columns: ReadonlyArray<keyof T & string>,
): string | null {
  // biome-ignore lint/correctness/useExhaustiveDependencies: columns are a constant list per caller
  const url = useMemo(
    () =>
      rows ? URL.createObjectURL(new Blob([toCsv(rows, columns)], { type: "text/csv;charset=utf-8" })) : null,
    [rows],
  );
  useEffect(() => () => (url ? URL.revokeObjectURL(url) : undefined), [url]);
  return url;
}
