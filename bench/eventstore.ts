/**
 * `npm run bench:eventstore`: Glint's event store against the peer (`@event-driven-io/emmett-postgresql`)
 * and a bare single-row INSERT per transaction, on an embedded PostgreSQL of its own.
 * Human-readable progress goes to stderr; the report to stdout, its last line one JSON object.
 * Knobs: see bench/config.ts (BENCH_SCALE=0.05 for a quick run).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { startEmbeddedPostgres, type RunningPostgres } from '../libs/database/src/embedded-postgres';
import { freePort } from '../libs/database/src/free-port';
import { migrate } from '../libs/database/src/migrate';
import { loadConfig, type BenchConfig } from './config';
import { postmasterPid } from './cpu';
import { databaseUrl, topStatements, transactionCounts, withClient } from './database';
import { renderReport, summaryJson, type RunFacts } from './report';
import { now, runBenchmark, secondsSince } from './runner';
import { formatInt, formatMs, type PhaseResult, type StoreName, type WorkloadName } from './stats';
import type { PhaseTask, WorkerMessage } from './worker';

const DATABASES: Record<StoreName, string> = { glint: 'glint_bench', emmett: 'emmett_bench', bare_insert: 'bare_insert_bench' };

const log = (line: string) => process.stderr.write(`${line}\n`);

let currentWorker: ChildProcess | undefined;

/** Runs one phase in a child process and waits for its result. */
function runWorker(task: PhaseTask): Promise<PhaseResult> {
  return new Promise((resolve, reject) => {
    const child = fork(join(__dirname, 'worker.ts'), [JSON.stringify(task)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    currentWorker = child;
    let message: WorkerMessage | undefined;
    child.on('message', (received) => (message = received as WorkerMessage));
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      currentWorker = undefined;
      if (message?.ok) resolve(message.result);
      else if (message) reject(new Error(`${task.workload} on ${task.store} failed:\n${message.error}`));
      else reject(new Error(`${task.workload} on ${task.store}: worker exited with ${signal ?? `code ${code}`} and no result`));
    });
  });
}

interface Phase {
  workload: WorkloadName;
  store: StoreName;
}

function plan(config: BenchConfig): Phase[] {
  const phases: Phase[] = [];
  if (config.workloads.has('a')) {
    for (const store of ['glint', 'emmett', 'bare_insert'] as const) phases.push({ workload: 'append_new_streams', store });
  }
  if (config.workloads.has('b')) {
    for (const store of ['glint', 'emmett'] as const) phases.push({ workload: 'append_hot_streams', store });
  }
  // The reads of (c) go over the log (d) wrote, so (d) runs first.
  if (config.workloads.has('d')) phases.push({ workload: 'bulk_import', store: 'glint' });
  if (config.workloads.has('c')) {
    phases.push({ workload: 'read_all', store: 'glint' });
    phases.push({ workload: 'catch_up', store: 'glint' });
  }
  return phases.filter((phase) => config.stores.has(phase.store));
}

async function startServer(config: BenchConfig, dataDir: string, port: number): Promise<RunningPostgres> {
  // With BENCH_PG_STATS the cluster is restarted once to preload pg_stat_statements, so it is kept
  // on stop and deleted by cleanup instead.
  const first = await startEmbeddedPostgres({ dataDir, port, persistent: config.pgStats });
  if (!config.pgStats) return first;
  await withClient(first.url, (client) => client.query("ALTER SYSTEM SET shared_preload_libraries = 'pg_stat_statements'"));
  await first.stop();
  const server = await startEmbeddedPostgres({ dataDir, port, persistent: true });
  await withClient(server.url, async (client) => {
    await client.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
    // Statements inside PL/pgSQL functions too, and time spent reading from disk.
    await client.query("ALTER SYSTEM SET pg_stat_statements.track = 'all'");
    await client.query('ALTER SYSTEM SET track_io_timing = on');
    await client.query('SELECT pg_reload_conf()');
  });
  return server;
}

async function main(): Promise<number> {
  const config = loadConfig();
  const runStart = now();
  const loadAtStart = loadavg()[0];
  const dataDir = join(tmpdir(), `glint-bench-postgres-${process.pid}-${randomBytes(4).toString('hex')}`);
  const port = await freePort();
  let server: RunningPostgres | undefined;
  let cleaned = false;
  const cleanup = async () => {
    if (cleaned) return;
    cleaned = true;
    if (currentWorker?.pid) currentWorker.kill('SIGTERM');
    try {
      if (server) {
        log('Stopping the benchmark PostgreSQL…');
        await server.stop();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  };
  const onSignal = (signal: NodeJS.Signals) => {
    log(`\nReceived ${signal}: stopping.`);
    void cleanup().finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  const results: PhaseResult[] = [];
  let facts: Omit<RunFacts, 'seconds' | 'loadAtStart' | 'loadAtEnd'>;
  try {
    log(`Starting an embedded PostgreSQL in ${dataDir} on port ${port}…`);
    server = await startServer(config, dataDir, port);
    const admin = new Client({ connectionString: server.url });
    await admin.connect();
    try {
      const { rows } = await admin.query<{ version: string; settings: string }>(
        `SELECT split_part(version(), ' ', 1) || ' ' || split_part(version(), ' ', 2) AS version,
                format('shared_buffers %s, synchronous_commit %s, fsync %s, wal_level %s, max_wal_size %s',
                       current_setting('shared_buffers'), current_setting('synchronous_commit'), current_setting('fsync'),
                       current_setting('wal_level'), current_setting('max_wal_size')) AS settings`,
      );
      facts = { cores: availableParallelism(), node: process.versions.node, postgres: rows[0].version, settings: rows[0].settings };
      log(`${facts.postgres}; ${facts.settings}; load average ${loadAtStart.toFixed(2)}`);
      for (const database of Object.values(DATABASES)) await admin.query(`CREATE DATABASE ${database}`);
      const urls = Object.fromEntries(Object.entries(DATABASES).map(([store, database]) => [store, databaseUrl(server!.url, database)])) as Record<StoreName, string>;
      log('Migrating the Glint database…');
      await migrate(urls.glint);

      for (const phase of plan(config)) {
        if (phase.workload === 'read_all' && config.vacuumBeforeReads) {
          log('VACUUM (ANALYZE) of the Glint database before the reads (untimed)…');
          await withClient(urls.glint, (client) => client.query('VACUUM (ANALYZE)'));
        }
        // Leftover dirty pages of the previous phase are written now, not during the next one.
        await admin.query('CHECKPOINT');
        if (config.pgStats) await admin.query('SELECT pg_stat_statements_reset()');
        const before = await transactionCounts(admin, DATABASES[phase.store]);
        log(`\n${phase.workload} on ${phase.store}:`);
        const result = await runWorker({ ...phase, connectionString: urls[phase.store], serverPid: postmasterPid(dataDir) });
        const after = await transactionCounts(admin, DATABASES[phase.store]);
        if (phase.workload !== 'read_all' && phase.workload !== 'catch_up') {
          // How many transactions the writes took: group commit shows as far fewer commits than appends.
          result.details.server_commits_incl_warmup = after.commits - before.commits;
          result.details.server_rollbacks_incl_warmup = after.rollbacks - before.rollbacks;
        }
        results.push(result);
        log(
          `  → ${formatInt(result.events)} events in ${result.seconds.toFixed(2)} s = ${formatInt(result.eventsPerSecond)} events/s; ` +
            `p50 ${formatMs(result.latency.p50)} ms, p99 ${formatMs(result.latency.p99)} ms per ${result.latency.unit}`,
        );
        if (config.pgStats) {
          log(`  where ${phase.store}'s server time went (pg_stat_statements, warm-up included):`);
          for (const line of await topStatements(admin, DATABASES[phase.store])) log(line);
        }
      }
    } finally {
      await admin.end();
    }
  } finally {
    await cleanup();
  }

  const runFacts: RunFacts = { ...facts, seconds: secondsSince(runStart), loadAtStart, loadAtEnd: loadavg()[0] };
  process.stdout.write(`${renderReport(results, config, runFacts)}\n`);
  process.stdout.write(`${summaryJson(results, config, runFacts)}\n`);
  return 0;
}

runBenchmark(main);
