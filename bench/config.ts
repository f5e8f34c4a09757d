/**
 * Sizes and knobs of the Glint event store benchmark, read from the environment so a quick run
 * (BENCH_SCALE=0.05) and the full run share one code path.
 */
export interface BenchConfig {
  /** Multiplies every event count; 1 is the full size the acceptance targets are written for. */
  scale: number;
  /** Concurrent callers of the append workloads. */
  concurrency: number;
  /** (a) appends of one event each to new streams. */
  newStreamAppends: number;
  /** (b) successful appends with an exact expected revision over the hot streams. */
  hotStreamAppends: number;
  hotStreams: number;
  /** (d) events imported, in batches of `importStreamsPerBatch` × `importEventsPerStream`. */
  importEvents: number;
  importStreamsPerBatch: number;
  importEventsPerStream: number;
  /** appendMany calls of the import in flight at once. */
  importInFlight: number;
  /** (c) maxCount of each readAll page and batchSize of the catch-up subscription. */
  readPageSize: number;
  subscriptionBatchSize: number;
  /** Appends (or batches) each store gets before the clock starts. */
  warmupAppends: number;
  warmupImportBatches: number;
  /** Which workloads to run: a subset of a, b, c, d (c reads what d wrote). */
  workloads: Set<Workload>;
  /** Which stores to run (all by default; a subset is for investigating one of them). */
  stores: Set<'glint' | 'emmett' | 'bare_insert'>;
  /** VACUUM (ANALYZE) the Glint log after the import, before the reads (what autovacuum does to a log at rest). */
  vacuumBeforeReads: boolean;
  /** Load pg_stat_statements and print the statements Glint spent its time in after each Glint phase. */
  pgStats: boolean;
  /** Process id of the benchmark's PostgreSQL server, to read its CPU time (set by the orchestrator). */
  serverPid?: number;
}

export type Workload = 'a' | 'b' | 'c' | 'd';

/** Target figures of the acceptance criteria (issue 2). */
export const TARGETS = {
  appendNewStreamsOverEmmett: 2,
  appendNewStreamsOverBareInsert: 1,
  appendHotStreamsOverEmmett: 2,
  readAllEventsPerSecond: 100_000,
  /** catch-up must be within 2× of read-all: catch_up / read_all ≥ 0.5. */
  catchUpOverReadAll: 0.5,
  bulkImportEventsPerSecond: 80_000,
} as const;

/** A number from the environment, or `fallback` when unset; a bad value stops the benchmark naming the variable. */
export function numberFromEnv(name: string, fallback: number, { min = 1, integer = true } = {}): number {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < min || (integer && !Number.isInteger(value))) {
    throw new Error(`${name} must be ${integer ? 'an integer' : 'a number'} of at least ${min}, not "${raw}"`);
  }
  return value;
}

function flagFromEnv(name: string, fallback: boolean): boolean {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  if (['1', 'true', 'yes', 'on'].includes(raw.toLowerCase())) return true;
  if (['0', 'false', 'no', 'off'].includes(raw.toLowerCase())) return false;
  throw new Error(`${name} must be 1 or 0, not "${raw}"`);
}

export function loadConfig(): BenchConfig {
  const scale = numberFromEnv('BENCH_SCALE', 1, { min: 0.0001, integer: false });
  const scaled = (count: number, floor: number) => Math.max(floor, Math.round(count * scale));
  const importStreamsPerBatch = numberFromEnv('BENCH_IMPORT_STREAMS_PER_BATCH', 100);
  const importEventsPerStream = numberFromEnv('BENCH_IMPORT_EVENTS_PER_STREAM', 10);
  const batch = importStreamsPerBatch * importEventsPerStream;
  const importEvents = Math.max(batch, Math.round((1_000_000 * scale) / batch) * batch);
  const workloadList = (process.env.BENCH_WORKLOADS ?? 'a,b,c,d').split(',').map((w) => w.trim().toLowerCase()).filter(Boolean);
  for (const workload of workloadList) {
    if (!['a', 'b', 'c', 'd'].includes(workload)) throw new Error(`BENCH_WORKLOADS lists "${workload}"; use a subset of a,b,c,d`);
  }
  const storeList = (process.env.BENCH_STORES ?? 'glint,emmett,bare_insert').split(',').map((s) => s.trim().toLowerCase()).filter(Boolean);
  for (const store of storeList) {
    if (!['glint', 'emmett', 'bare_insert'].includes(store)) throw new Error(`BENCH_STORES lists "${store}"; use a subset of glint,emmett,bare_insert`);
  }
  return {
    scale,
    concurrency: numberFromEnv('BENCH_CONCURRENCY', 16),
    newStreamAppends: scaled(20_000, 100),
    hotStreamAppends: scaled(20_000, 100),
    hotStreams: numberFromEnv('BENCH_HOT_STREAMS', 64),
    importEvents,
    importStreamsPerBatch,
    importEventsPerStream,
    importInFlight: numberFromEnv('BENCH_IMPORT_IN_FLIGHT', 2),
    readPageSize: numberFromEnv('BENCH_READ_PAGE_SIZE', 5_000),
    subscriptionBatchSize: numberFromEnv('BENCH_SUBSCRIPTION_BATCH_SIZE', 5_000),
    warmupAppends: numberFromEnv('BENCH_WARMUP_APPENDS', 500, { min: 0 }),
    warmupImportBatches: numberFromEnv('BENCH_WARMUP_IMPORT_BATCHES', 3, { min: 0 }),
    workloads: new Set(workloadList as Workload[]),
    stores: new Set(storeList as Array<'glint' | 'emmett' | 'bare_insert'>),
    vacuumBeforeReads: flagFromEnv('BENCH_VACUUM_BEFORE_READS', true),
    pgStats: flagFromEnv('BENCH_PG_STATS', false),
  };
}
