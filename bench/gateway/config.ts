/**
 * Knobs of Glint's gateway benchmark, read from the environment so the quick run
 * (BENCH_GATEWAY_QUICK=1) and the full run share one code path.
 */
import { numberFromEnv } from '../config';
export interface GatewayBenchConfig {
  quick: boolean;
  /** Viewer counts, each run on a fresh gateway and a fresh bare relay. */
  viewerCounts: number[];
  /** Untimed sending before each measured window: every viewer has its first key frame and the JIT is warm. */
  warmupSeconds: number;
  /** Length of each measured window. */
  seconds: number;
  /** Receivers per load process: one event loop takes every packet its viewers receive. */
  viewersPerProcess: number;
  /** When set, the gateway process runs with --cpu-prof and writes its profile into this folder on exit. */
  cpuProfileDir: string | null;
}

/**
 * Scheduling niceness of the receiving processes (0 normal, 19 lowest), on both paths: they stand in
 * for viewers on machines of their own, and must not take the forwarder's core from it.
 */
export const RECEIVER_NICENESS = 10;

/** Target figures of the issue. */
export const TARGETS = {
  /** The viewer count the delivery and latency targets are written for. */
  viewers: 200,
  delivered: 0.999,
  p99Ms: 20,
  /** Forwarded packets (SRTP included) per CPU-second of the gateway process, at the target viewer count. */
  packetsPerCpuSecond: 100_000,
} as const;

const FULL_VIEWER_COUNTS = [10, 50, 100, 200, 400];
const QUICK_VIEWER_COUNTS = [10, 50, 200];

function viewerCountsFromEnv(fallback: number[]): number[] {
  const raw = process.env.BENCH_GATEWAY_VIEWERS?.trim();
  if (!raw) return fallback;
  const counts = raw.split(',').map((part) => Number(part.trim()));
  if (counts.some((count) => !Number.isInteger(count) || count < 1)) throw new Error(`BENCH_GATEWAY_VIEWERS must be whole numbers separated by commas, not "${raw}"`);
  return counts;
}

export function loadGatewayBenchConfig(): GatewayBenchConfig {
  const quick = ['1', 'true', 'yes'].includes(process.env.BENCH_GATEWAY_QUICK?.trim().toLowerCase() ?? '');
  const cpuProfileDir = process.env.BENCH_GATEWAY_CPU_PROFILE_DIR?.trim();
  return {
    quick,
    viewerCounts: viewerCountsFromEnv(quick ? QUICK_VIEWER_COUNTS : FULL_VIEWER_COUNTS),
    warmupSeconds: numberFromEnv('BENCH_GATEWAY_WARMUP_SECONDS', 2),
    seconds: numberFromEnv('BENCH_GATEWAY_SECONDS', quick ? 4 : 10),
    viewersPerProcess: numberFromEnv('BENCH_GATEWAY_VIEWERS_PER_PROCESS', 100),
    cpuProfileDir: cpuProfileDir ? cpuProfileDir : null,
  };
}
