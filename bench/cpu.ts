import { readdirSync, readFileSync } from 'node:fs';

/**
 * CPU seconds spent by this process (the benchmark's client side: Glint's library code, the driver,
 * building events) and by the PostgreSQL server (postmaster, its backends and background workers),
 * so a phase can be read as "client-bound", "server-bound" or "waiting on the disk".
 */
export interface CpuReading {
  client: number;
  server: number;
}

const CLOCK_TICKS = 100;

function procTimes(pid: number | string): { ppid: number; own: number; reapedChildren: number } | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // Fields after the command: state(0) ppid(1) … utime(11) stime(12) cutime(13) cstime(14).
    return {
      ppid: Number(fields[1]),
      own: (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS,
      reapedChildren: (Number(fields[13]) + Number(fields[14])) / CLOCK_TICKS,
    };
  } catch {
    return undefined;
  }
}

/** Server CPU: the postmaster, every live child, and the children it has already reaped. */
function serverSeconds(postmasterPid: number | undefined): number {
  if (!postmasterPid) return Number.NaN;
  const postmaster = procTimes(postmasterPid);
  if (!postmaster) return Number.NaN;
  let total = postmaster.own + postmaster.reapedChildren;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const times = procTimes(entry);
    if (times?.ppid === postmasterPid) total += times.own;
  }
  return total;
}

export function readCpu(postmasterPid: number | undefined): CpuReading {
  const usage = process.cpuUsage();
  return { client: (usage.user + usage.system) / 1e6, server: serverSeconds(postmasterPid) };
}

/** CPU seconds between two readings; NaN server time where /proc is not available. */
export function cpuSince(start: CpuReading, postmasterPid: number | undefined): CpuReading {
  const end = readCpu(postmasterPid);
  return { client: end.client - start.client, server: end.server - start.server };
}

/** The postmaster's process id, from the data directory's postmaster.pid. */
export function postmasterPid(dataDir: string): number | undefined {
  try {
    const pid = Number(readFileSync(`${dataDir}/postmaster.pid`, 'utf8').split('\n')[0]);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}
