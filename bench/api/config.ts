/**
 * Knobs of Glint's API benchmark, read from the environment so a quick run (BENCH_API_SECONDS=3)
 * and the full run share one code path.
 */
import { numberFromEnv } from '../config';

export interface ApiBenchConfig {
  /** Length of every timed phase. */
  seconds: number;
  /** Untimed load before each server's fixed-rate phase and before each live-update phase. */
  warmupSeconds: number;
  /** The fixed request rate the latency target is written for. */
  fixedRate: number;
  /** Connections of the maximum-throughput phase. */
  connections: number;
  /** Viewers registered through the API, each following the channel. */
  viewers: number;
  /** Open live-update sockets, all subscribed to the channel. */
  subscribers: number;
  /** Title changes per second during the live-update phase. */
  updatesPerSecond: number;
  redisUrl: string;
  /** When set, the platform runs with --cpu-prof and writes its profile into this folder on exit. */
  cpuProfileDir: string | null;
}

/** Target figures of the issue. */
export const TARGETS = {
  /** p99 of GET /api/channels/:username at the fixed rate, in milliseconds: must stay below. */
  pageP99AtFixedRateMs: 10,
  /** Glint's maximum requests/s over the bare server's: at least. */
  pageMaxThroughputOverBare: 0.4,
} as const;

export function loadApiBenchConfig(): ApiBenchConfig {
  const cpuProfileDir = process.env.BENCH_API_CPU_PROFILE_DIR?.trim();
  return {
    seconds: numberFromEnv('BENCH_API_SECONDS', 15),
    warmupSeconds: numberFromEnv('BENCH_API_WARMUP_SECONDS', 3, { min: 0 }),
    fixedRate: numberFromEnv('BENCH_API_RATE', 1_000),
    connections: numberFromEnv('BENCH_API_CONNECTIONS', 50),
    viewers: numberFromEnv('BENCH_API_VIEWERS', 50),
    subscribers: numberFromEnv('BENCH_API_SUBSCRIBERS', 200),
    updatesPerSecond: numberFromEnv('BENCH_API_UPDATES_PER_SECOND', 20),
    redisUrl: process.env.REDIS_URL?.trim() || 'redis://127.0.0.1:6379',
    cpuProfileDir: cpuProfileDir ? cpuProfileDir : null,
  };
}
