import { ImportError } from "./ImportError";

/**
 * An uploaded file's path (a zip entry or a multipart part's file name) checked to stay inside the
 * upload folder: relative, "/"-separated, no "..", no empty or "." segments, no drive letters,
 * backslashes or control characters. Returns the normalised segments.
 */
export function safeRelativePath(name: string, what: string): string[] {
  const segments = name.split("/").filter((s, i, all) => !(s === "" && i === all.length - 1));
  const bad =
    name.length === 0 ||
    name.length > 1024 ||
    name.startsWith("/") ||
    name.includes("\\") ||
    /^[A-Za-z]:/.test(name) ||
    // biome-ignore lint/suspicious/noControlCharactersInRegex: rejecting control characters is the point.
    /[\u0000-\u001f]/.test(name) ||
    segments.some((s) => s === "" || s === "." || s === "..");
  if (bad)
    throw new ImportError(what, `path "${name.slice(0, 200)}" would leave the upload folder (refused)`);
  return segments;
}
