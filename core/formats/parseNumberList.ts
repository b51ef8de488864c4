import { FormatError } from "./FormatError";

/** Whitespace-separated numbers of a text field; every token must be a finite number. */
export function parseNumberList(text: string, file: string, place: string): number[] {
  const tokens = text
    .trim()
    .split(/\s+/)
    .filter((t) => t.length > 0);
  return tokens.map((t, i) => {
    const v = Number(t);
    if (!Number.isFinite(v)) throw new FormatError(file, place, `value ${i + 1} "${t}" is not a number`);
    return v;
  });
}
