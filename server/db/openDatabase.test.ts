import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { acquireDirLock } from "./acquireDirLock";
import { openDatabase } from "./openDatabase";

describe("openDatabase", () => {
  it("an unreachable DATABASE_URL is one line naming it, without the password", async () => {
    const err = await openDatabase({
      dataDir: "/nonexistent",
      databaseUrl: "postgres://app:secret@127.0.0.1:1/db",
    }).catch((e: Error) => e);
    expect((err as Error).message).toMatch(
      /^cannot reach PostgreSQL at DATABASE_URL=postgres:\/\/app:\*\*\*@127\.0\.0\.1:1\/db \(.*ECONNREFUSED.*\)$/,
    );
    expect((err as Error).message).not.toContain("secret");
  });

  it("a DATA_DIR that cannot be written is one line naming it", async () => {
    const dir = mkdtempSync(join(tmpdir(), "cuboidal-db-"));
    const file = join(dir, "a-file");
    writeFileSync(file, "");
    try {
      const err = await openDatabase({ dataDir: file }).catch((e: Error) => e);
      expect((err as Error).message).toMatch(new RegExp(`^DATA_DIR ${file} is not writable \\(ENOTDIR`));
      expect((err as Error).message).not.toContain("\n");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("a data directory held by a live process is refused; one left by a dead process is taken over", () => {
    const dir = mkdtempSync(join(tmpdir(), "cuboidal-lock-"));
    const lock = join(dir, "pglite.lock");
    try {
      writeFileSync(lock, "1"); // pid 1 is always alive
      expect(() => acquireDirLock(lock, "DATA_DIR x")).toThrow(
        "DATA_DIR x is in use by another process (pid 1)",
      );
      writeFileSync(lock, "999999999"); // no such process
      const release = acquireDirLock(lock, "DATA_DIR x");
      expect(() => acquireDirLock(lock, "DATA_DIR x")).not.toThrow(); // our own pid: re-entrant
      release();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
