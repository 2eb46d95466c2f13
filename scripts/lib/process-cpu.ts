// CPU time of processes, from /proc (Linux): a benchmark's cost per request that other load on the machine does not
// change much, unlike req/s and latency.
import { readFileSync, readdirSync } from "node:fs";
import os from "node:os";

const TICK_MS = 10; // USER_HZ is 100 on Linux

/**
 * User + system CPU milliseconds a process has used so far (0 when it is gone or /proc is missing); with `reaped`,
 * also what its children that have ended used.
 */
export function processCpuMs(pid: number, reaped = false): number {
  try {
    // The command name (field 2) may hold spaces: the fields after its closing parenthesis are fixed.
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const own = Number(fields[11]) + Number(fields[12]); // utime, stime
    return (reaped ? own + Number(fields[13]) + Number(fields[14]) : own) * TICK_MS; // + cutime, cstime
  } catch {
    return 0;
  }
}

/** The CPU milliseconds of a PostgreSQL server: its postmaster (postmaster.pid in the data folder) and its children. */
export function postgresCpuMs(dataDir: string): number {
  if (os.platform() !== "linux") return 0;
  let postmaster: number;
  try {
    postmaster = Number(readFileSync(`${dataDir}/postmaster.pid`, "utf8").split("\n")[0]);
  } catch {
    return 0;
  }
  // Backends that end during a measurement are counted when the postmaster reaps them.
  let total = processCpuMs(postmaster, true);
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const parent = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      if (parent === postmaster) total += processCpuMs(Number(entry));
    } catch {
      // the process ended meanwhile
    }
  }
  return total;
}

/** This process's own CPU milliseconds (all its threads). */
export function ownCpuMs(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}
