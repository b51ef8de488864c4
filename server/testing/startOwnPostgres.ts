import { execFileSync } from "node:child_process";
import { chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";

export interface OwnPostgres {
  url: string;
  /** `pg_ctl stop -m immediate`: the server dies as in a crash. */
  crash(): void;
  start(): void;
  remove(): void;
}

/** The newest PostgreSQL server binaries on this machine (Debian layout), or null. */
export function postgresBinDir(): string | null {
  const root = "/usr/lib/postgresql";
  if (!existsSync(root)) return null;
  const versions = readdirSync(root).sort((a, b) => Number(b) - Number(a));
  const bin = versions.map((v) => path.join(root, v, "bin")).find((b) => existsSync(path.join(b, "initdb")));
  return bin ?? null;
}

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });

/**
 * A PostgreSQL cluster of this test's own, which it may crash and restart (the shared cluster of
 * TEST_DATABASE_URL serves other test files at the same time). As root, runs as user postgres.
 */
export async function startOwnPostgres(bin: string): Promise<OwnPostgres> {
  const dir = mkdtempSync(path.join(tmpdir(), "cuboidal-own-pg-"));
  mkdirSync(path.join(dir, "sock"));
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    const uid = Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }).trim());
    chownSync(dir, uid, -1);
    chownSync(path.join(dir, "sock"), uid, -1);
  }
  const run = (cmd: string, args: string[]) =>
    asRoot
      ? execFileSync("runuser", ["-u", "postgres", "--", path.join(bin, cmd), ...args], { stdio: "ignore" })
      : execFileSync(path.join(bin, cmd), args, { stdio: "ignore" });
  const port = await freePort();
  run("initdb", ["-D", `${dir}/data`, "-U", "app", "--auth=trust", "-E", "UTF8", "--no-sync"]);
  const start = () =>
    run("pg_ctl", [
      "-D",
      `${dir}/data`,
      "-l",
      `${dir}/pg.log`,
      "-w",
      "start",
      "-o",
      `-k ${dir}/sock -p ${port} -c listen_addresses=127.0.0.1`,
    ]);
  start();
  return {
    url: `postgres://app@127.0.0.1:${port}/postgres`,
    crash: () => run("pg_ctl", ["-D", `${dir}/data`, "-m", "immediate", "stop"]),
    start,
    remove() {
      try {
        run("pg_ctl", ["-D", `${dir}/data`, "-m", "immediate", "stop"]);
      } catch {}
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
