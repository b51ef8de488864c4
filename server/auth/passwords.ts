import { hash, verify } from "@node-rs/argon2";
import { z } from "zod";
import { randomSecret } from "./secrets";

/** argon2id with @node-rs/argon2's defaults (19 MiB, 2 passes: OWASP's minimum), ~20 ms here. */
export const hashPassword = (password: string): Promise<string> => hash(password);

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** A new password: 10–200 characters (length over composition rules, as NIST SP 800-63B says). */
export const newPasswordSchema = z
  .string()
  .min(10, "a password needs at least 10 characters")
  .max(200, "a password may have at most 200 characters");

/** A generated password: 20 base32 characters (100 bits). */
export const randomPassword = (): string => randomSecret(13).slice(0, 20);
