import { ImportError } from "./ImportError";

/** Longest sequence name kept (a name is shown in lists and titles, not a document). */
export const MAX_SEQUENCE_NAME_LENGTH = 200;

/** A sequence name trimmed and checked: 1–200 characters, no control characters. */
export function sequenceName(raw: string, where = "name"): string {
  const name = raw.trim();
  if (name.length === 0) throw new ImportError(where, "a sequence name cannot be empty");
  if (name.length > MAX_SEQUENCE_NAME_LENGTH)
    throw new ImportError(
      where,
      `a sequence name is at most ${MAX_SEQUENCE_NAME_LENGTH} characters, got ${name.length} (refused)`,
    );
  // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point.
  if (/[\u0000-\u001f\u007f]/.test(name))
    throw new ImportError(where, "a sequence name cannot hold control characters (refused)");
  return name;
}
