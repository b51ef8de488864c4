/**
 * A malformed input file. The message names the file, the place (line or byte offset) and the
 * reason, e.g. `label_2/000001.txt line 3: expected 15 fields, got 14`.
 */
export class FormatError extends Error {
  override readonly name = "FormatError";
  constructor(
    /** The input as the user knows it (a path relative to the imported folder). */
    readonly file: string,
    /** "line 3", "byte 1088211", "entry [4].psr.scale" — or empty when the whole file is at fault. */
    readonly place: string,
    readonly reason: string,
  ) {
    super(`${file}${place ? ` ${place}` : ""}: ${reason}`);
  }
}
