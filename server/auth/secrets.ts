import { createHash } from "node:crypto";
import { encodeBase32LowerCaseNoPadding } from "@oslojs/encoding";

/** 160 random bits as lower-case base32 (32 characters): session tokens, API tokens, passwords. */
export function randomSecret(bytes = 20): string {
  const b = new Uint8Array(bytes);
  crypto.getRandomValues(b);
  return encodeBase32LowerCaseNoPadding(b);
}

/**
 * What the database keeps of a session or API token: its SHA-256. The secrets carry 160 random
 * bits, so a fast hash is enough (a slow one is for guessable passwords) and a leaked table
 * yields no usable credential. Node's native hash: every request hashes its credential (the cache
 * key), and the JavaScript SHA-256 it replaces was 1% of a server's busy time under 200 annotators.
 */
export function hashSecret(secret: string): string {
  return createHash("sha256").update(secret, "utf8").digest("hex");
}

/** API tokens start with this, so a leaked one is recognisable (secret scanners, logs). */
export const API_TOKEN_PREFIX = "cub_";
