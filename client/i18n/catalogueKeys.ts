/** Helpers for the catalogue tests: flatten a catalogue, find the keys source code uses. */

export type Catalogue = { [key: string]: string | Catalogue };

/** `{a: {b: "x"}}` → `{"a.b": "x"}`. */
export function flattenCatalogue(cat: Catalogue, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(cat)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === "string") out.set(key, v);
    else for (const [kk, vv] of flattenCatalogue(v, key)) out.set(kk, vv);
  }
  return out;
}

const PLURAL_SUFFIX = /_(zero|one|two|few|many|other)$/;
/** A key without its i18next plural suffix: English has `_one`/`_other`, Chinese only `_other`. */
export const pluralBase = (key: string): string => key.replace(PLURAL_SUFFIX, "");

/** Interpolation variables of a message: "{{count}} boxes of {{name}}" → ["count", "name"]. */
export const variablesOf = (message: string): string[] =>
  [...message.matchAll(/\{\{\s*([\w.]+)\s*(?:,[^}]*)?\}\}/g)].flatMap((m) => (m[1] ? [m[1]] : [])).sort();

/**
 * Literal catalogue keys in a source file: given to `t`, to `<Trans i18nKey>`, in `…Key` fields,
 * and any other string literal whose first segment is a catalogue section (`sections`), such as
 * tables of keys translated where they are shown (shortcuts, save states).
 */
export function keysUsedIn(source: string, sections: ReadonlySet<string> = new Set()): string[] {
  const patterns = [
    /\bt\(\s*["'`]([\w-]+(?:\.[\w-]+)+)["'`]/g,
    /\bi18nKey=\{?["'`]([\w-]+(?:\.[\w-]+)+)["'`]/g,
    /\b\w*Key:\s*["'`]([\w-]+(?:\.[\w-]+)+)["'`]/g,
  ];
  const keys = new Set<string>();
  for (const re of patterns) for (const [, key] of source.matchAll(re)) if (key) keys.add(key);
  for (const [, section, rest] of source.matchAll(/["'`]([a-zA-Z]\w*)((?:\.[\w-]+)+)["'`]/g))
    if (section && rest && sections.has(section)) keys.add(section + rest);
  return [...keys];
}
