import { readFileSync, rmSync, writeFileSync } from "node:fs";

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
};

/**
 * An exclusive lock file holding this process's pid. PGlite is one process's database: a second
 * process opening the same files (a CLI import while the server runs) would corrupt them. A lock
 * left by a killed process (its pid gone) is taken over. Returns the release function.
 */
export function acquireDirLock(lockPath: string, what: string): () => void {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(lockPath, String(process.pid), { flag: "wx" });
      return () => rmSync(lockPath, { force: true });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
      const pid = Number(readFileSync(lockPath, "utf8").trim());
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && alive(pid))
        throw new Error(
          `${what} is in use by another process (pid ${pid}); stop it first, or import through the running server`,
        );
      rmSync(lockPath, { force: true });
    }
  }
  throw new Error(`${what}: cannot take the lock ${lockPath}`);
}
