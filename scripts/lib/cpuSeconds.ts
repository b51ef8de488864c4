import { readFileSync } from "node:fs";

/**
 * CPU seconds (user + system) the processes used so far, from Linux's /proc (null elsewhere or when
 * one cannot be read): per save, less swayed than latency by what else runs on a shared machine.
 */
export function cpuSeconds(pids: number[]): number | null {
  try {
    return pids.reduce((sum, pid) => {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      // utime and stime, in clock ticks (USER_HZ, 100 on Linux).
      return sum + (Number(fields[11]) + Number(fields[12])) / 100;
    }, 0);
  } catch {
    return null;
  }
}
