/**
 * An import that cannot proceed. The message names the file (relative to the imported folder, or
 * the upload) and the reason; the import then leaves nothing behind.
 */
export class ImportError extends Error {
  override readonly name = "ImportError";
  constructor(
    readonly file: string,
    readonly reason: string,
  ) {
    super(file ? `${file}: ${reason}` : reason);
  }
}
