import type { ByteRange } from "../blobs/BlobStore";

/**
 * One `Range: bytes=…` of a `size`-byte body (RFC 9110 §14.1.2): `a-b`, `a-` or `-n` (the last n).
 * Null when there is no header, several ranges or another unit (the whole body is sent, which the
 * RFC allows); "unsatisfiable" (416) when it starts past the end.
 */
export function parseRange(header: string | undefined, size: number): ByteRange | null | "unsatisfiable" {
  const m = header ? /^bytes=(\d*)-(\d*)$/.exec(header.trim()) : null;
  if (!m || (m[1] === "" && m[2] === "")) return null;
  if (m[1] === "") {
    const last = Number(m[2]);
    if (last === 0 || size === 0) return "unsatisfiable";
    return { start: Math.max(0, size - last), end: size - 1 };
  }
  const start = Number(m[1]);
  const end = m[2] === "" ? size - 1 : Math.min(Number(m[2]), size - 1);
  if (start >= size) return "unsatisfiable";
  if (end < start) return null;
  return { start, end };
}
