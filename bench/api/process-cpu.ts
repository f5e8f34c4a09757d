import { readFileSync } from 'node:fs';
import { readCpu } from '../cpu';

const CLOCK_TICKS = 100;

/** User plus system CPU seconds of one process, all its threads included; NaN where /proc is not available. */
function processCpuSeconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // Fields after the command: state(0) … utime(11) stime(12).
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
  } catch {
    return Number.NaN;
  }
}

/**
 * CPU seconds of the server under load, of its PostgreSQL (Glint only), and of the process driving
 * the load; null where they cannot be read.
 */
export interface CpuSeconds {
  server: number | null;
  database: number | null;
  loadGenerator: number | null;
}

const readable = (seconds: number): number | null => (Number.isFinite(seconds) ? seconds : null);

/** Starts counting the CPU of a timed phase; call the returned function at its end. */
export function countCpu(serverPid: number, databasePid: number | undefined): () => CpuSeconds {
  const server = processCpuSeconds(serverPid);
  const others = readCpu(databasePid);
  return () => {
    const othersNow = readCpu(databasePid);
    return {
      server: readable(processCpuSeconds(serverPid) - server),
      database: readable(othersNow.server - others.server),
      loadGenerator: readable(othersNow.client - others.client),
    };
  };
}
