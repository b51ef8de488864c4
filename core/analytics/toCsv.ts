/** RFC 4180 cell: quoted when it holds a comma, quote or line break; a leading = + - @ is defused for spreadsheets. */
const cell = (v: unknown): string => {
  const s = v === null || v === undefined ? "" : String(v);
  const safe = /^[=+\-@]/.test(s) && !/^-?\d/.test(s) ? `'${s}` : s;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
};

/** Rows of plain objects as CSV, columns in the given order (every table of the analytics API). */
export function toCsv<T extends object>(
  rows: readonly T[],
  columns: ReadonlyArray<keyof T & string>,
): string {
  const lines = [columns.join(",")];
  for (const r of rows) lines.push(columns.map((c) => cell(r[c])).join(","));
  return `${lines.join("\r\n")}\r\n`;
}
