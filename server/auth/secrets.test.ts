import { sha256 } from "@oslojs/crypto/sha2";
import { encodeHexLowerCase } from "@oslojs/encoding";
import { describe, expect, it } from "vitest";
import { hashSecret, randomSecret } from "./secrets";

describe("hashSecret", () => {
  // Stored token and session hashes must still match after the move to node:crypto.
  it("is the SHA-256 of the secret's UTF-8 bytes, in lower-case hex, as stored before", () => {
    expect(hashSecret("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    for (const secret of [randomSecret(), `cub_${randomSecret()}`, "s:ünïcode ☃", ""])
      expect(hashSecret(secret)).toBe(encodeHexLowerCase(sha256(new TextEncoder().encode(secret))));
  });
});
