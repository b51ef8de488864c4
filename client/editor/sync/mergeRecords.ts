import { sameRecord } from "../AnnotationDiff";

type Json = unknown;

const isPlainObject = (v: Json): v is Record<string, Json> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * Three-way merge of one record: fields we did not change take their value, fields we changed keep
 * ours; nested objects (centerM, size, attributes) merge field by field. Only a field both sides
 * changed differently is decided for us — and that is reported in `overlapping`.
 */
export function mergeRecords<T>(
  base: T,
  ours: T,
  theirs: T,
  path = "",
): { merged: T; overlapping: string[] } {
  if (sameRecord(ours, base)) return { merged: theirs, overlapping: [] };
  if (sameRecord(theirs, base) || sameRecord(ours, theirs)) return { merged: ours, overlapping: [] };
  if (isPlainObject(base) && isPlainObject(ours) && isPlainObject(theirs)) {
    const out: Record<string, Json> = {};
    const overlapping: string[] = [];
    for (const k of new Set([...Object.keys(base), ...Object.keys(ours), ...Object.keys(theirs)])) {
      const r = mergeRecords(base[k], ours[k], theirs[k], path ? `${path}.${k}` : k);
      if (r.merged !== undefined) out[k] = r.merged;
      overlapping.push(...r.overlapping);
    }
    return { merged: out as T, overlapping };
  }
  return { merged: ours, overlapping: [path || "(record)"] };
}
