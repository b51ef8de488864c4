/**
 * One field two people changed differently at the same time. The server's value (theirs) stands
 * until the person told chooses: keep theirs (dismiss) or put theirs back to ours (a new edit).
 */
export interface FieldConflict {
  /** Unique per notice, to dismiss it. */
  key: string;
  kind: "box" | "track";
  objectId: string;
  /** Dotted path in the record: "className", "centerM.x", "attributes.occluded". */
  field: string;
  ours: unknown;
  theirs: unknown;
  /** Who wrote theirs, when known. */
  by: string | null;
}

export function getPath(record: unknown, path: string): unknown {
  let v: unknown = record;
  for (const k of path.split("."))
    v = v === null || typeof v !== "object" ? undefined : (v as Record<string, unknown>)[k];
  return v;
}

/** A copy of `record` with `path` set to `value` (undefined removes the field). */
export function setPath<T>(record: T, path: string, value: unknown): T {
  // split always yields at least one part ("" for an empty path).
  const [head = "", ...rest] = path.split(".");
  const obj = { ...(record as Record<string, unknown>) };
  if (rest.length === 0) {
    if (value === undefined) delete obj[head];
    else obj[head] = value;
  } else obj[head] = setPath(obj[head] ?? {}, rest.join("."), value);
  return obj as T;
}
