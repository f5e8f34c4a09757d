/**
 * `npm run bench:projections`: the read side on a log of GLINT_BENCH_EVENTS generated events
 * (default 1,000,000, seeded by GLINT_BENCH_SEED), on an embedded PostgreSQL of its own with
 * pg_stat_statements: the store's read-all rate, the rebuild rate of every projection together and of
 * each alone; then the platform itself (projections, reactors, live relay) taking
 * GLINT_BENCH_LIVE_RATE commands a second (default 1,000) for GLINT_BENCH_LIVE_SECONDS (default 30)
 * through its command bus, timing append → visible per projection, and the statements one channel
 * title change costs. Progress goes to stderr; the report to stdout, its last line one JSON object.
 */
import { fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { PostgresEventStore, type EventStore } from '@glint/eventstore';
import { createProjectionEngine, type ProjectionEngine } from '@glint/projection-engine';
import { projections } from '@glint/projections';
import { startEmbeddedPostgres, type RunningPostgres } from '../libs/database/src/embedded-postgres';
import { freePort } from '../libs/database/src/free-port';
import { migrate } from '../libs/database/src/migrate';
import { databaseUrl, topStatements, withClient } from './database';
import { generateLog } from './projections/generate';
import type { LiveOutcome, LiveSettings } from './projections/live';
import { loadLine, machineJson } from './run-facts';
import { now, runBenchmark, secondsSince } from './runner';
import { formatInt, formatMs, renderTable, round } from './stats';

const DATABASE = 'glint_projections_bench';
const TARGET_REBUILD_RATIO = 0.25;
const TARGET_STATEMENTS_PER_TITLE_CHANGE = 15;
const READ_PAGE = 5_000;
const TITLE_CHANGES_COUNTED = 50;

const NO_LIVE_PHASE: LiveOutcome = {
  live: { commands: 0, failed: 0, firstFailure: null, seconds: 0, eventsPerSecond: 0, visible: {} },
  statements: { perChange: Number.NaN, top: [] },
};

const log = (line: string) => process.stderr.write(`${line}\n`);

function integerSetting(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw.replace(/_/g, ''));
  if (!Number.isSafeInteger(value) || value < 0) throw new Error(`${name} must be a whole number ≥ 0, not "${raw}".`);
  return value;
}

/** A cluster with pg_stat_statements preloaded: started once, set, and started again. */
async function startServer(dataDir: string, port: number): Promise<RunningPostgres> {
  const first = await startEmbeddedPostgres({ dataDir, port, persistent: true });
  await withClient(first.url, (client) => client.query("ALTER SYSTEM SET shared_preload_libraries = 'pg_stat_statements'"));
  await first.stop();
  const server = await startEmbeddedPostgres({ dataDir, port, persistent: true });
  await withClient(server.url, (client) => client.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements'));
  return server;
}

async function readAllRate(store: EventStore): Promise<{ events: number; seconds: number; rate: number }> {
  const head = await store.headPosition();
  const started = now();
  let position = 0;
  let events = 0;
  let touched = 0;
  while (position < head) {
    const page = await store.readAll({ fromPosition: position, maxCount: READ_PAGE });
    if (page.length === 0) break;
    // Touched as a projection would touch them, so nothing is left lazily unread.
    for (const event of page) touched += event.type.length + (event.data === null ? 0 : 1);
    events += page.length;
    position = page[page.length - 1].position;
  }
  const seconds = secondsSince(started);
  if (touched === 0 && events > 0) throw new Error('The log read back empty.');
  return { events, seconds, rate: events / seconds };
}

async function rebuildRate(engine: ProjectionEngine, names: string[] | undefined): Promise<{ events: number; seconds: number; rate: number }> {
  const started = now();
  const result = await engine.rebuild(names);
  const seconds = secondsSince(started);
  return { events: result.eventsReplayed, seconds, rate: result.eventsReplayed / seconds };
}

async function main(): Promise<number> {
  const total = integerSetting('GLINT_BENCH_EVENTS', 1_000_000);
  const seed = integerSetting('GLINT_BENCH_SEED', 20261207);
  const liveRate = integerSetting('GLINT_BENCH_LIVE_RATE', 1_000);
  const liveSeconds = integerSetting('GLINT_BENCH_LIVE_SECONDS', 30);
  const runStart = now();
  const loadAtStart = loadavg()[0];
  const dataDir = join(tmpdir(), `glint-bench-projections-${process.pid}-${randomBytes(4).toString('hex')}`);
  const port = await freePort();
  const running: { server?: RunningPostgres } = {};
  const cleanup = async () => {
    try {
      await running.server?.stop();
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  };
  const onSignal = () => void cleanup().finally(() => process.exit(130));
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  log(`Starting an embedded PostgreSQL with pg_stat_statements in ${dataDir} on port ${port}…`);
  const server = (running.server = await startServer(dataDir, port));
  const url = databaseUrl(server.url, DATABASE);
  const admin = new Client({ connectionString: server.url });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${DATABASE}`);
    await withClient(url, (client) => client.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements'));
    await migrate(url);
    const store = new PostgresEventStore({ connectionString: url });
    log(`Generating ${formatInt(total)} events (seed ${seed})…`);
    const generated = await generateLog(store, total, seed);
    log(`  ${formatInt(generated.events)} events in ${generated.seconds.toFixed(1)} s: ${Object.entries(generated.byType).sort((a, b) => b[1] - a[1]).map(([type, count]) => `${type} ${formatInt(count)}`).join(', ')}`);
    await withClient(url, (client) => client.query('VACUUM (ANALYZE)'));
    await admin.query('CHECKPOINT');

    log('Reading the whole log…');
    const readAll = await readAllRate(store);
    log(`  read all: ${formatInt(readAll.rate)} events/s`);

    const engine = createProjectionEngine({ store, databaseUrl: url, projections, logger: { log: () => undefined, error: (entry) => log(JSON.stringify(entry)) } });
    log('Rebuilding every projection together…');
    await withClient(url, (client) => client.query('SELECT pg_stat_statements_reset()'));
    const rebuildAll = await rebuildRate(engine, undefined);
    log('  where the server time of the rebuild went (pg_stat_statements):');
    for (const line of await topStatements(admin, DATABASE, 12)) log(line);
    log(`  all together: ${formatInt(rebuildAll.rate)} events/s (${rebuildAll.seconds.toFixed(1)} s)`);
    const rebuildEach: Record<string, { events: number; seconds: number; rate: number }> = {};
    // GLINT_BENCH_ONLY_TOGETHER=1 leaves out the rebuilds of one projection each (a quicker run).
    for (const projection of process.env.GLINT_BENCH_ONLY_TOGETHER ? [] : projections) {
      rebuildEach[projection.name] = await rebuildRate(engine, [projection.name]);
      log(`  ${projection.name}: ${formatInt(rebuildEach[projection.name].rate)} events/s (${rebuildEach[projection.name].seconds.toFixed(1)} s)`);
    }
    await engine.stop();
    await store.close();

    log(`Starting the platform for the live phase (${formatInt(liveRate)} commands/s for ${liveSeconds} s)…`);
    // GLINT_BENCH_LIVE_SECONDS=0 leaves the live phases out (a rebuild-only run).
    const { live, statements } = liveSeconds > 0 ? await livePhases(url, liveRate, liveSeconds) : NO_LIVE_PHASE;

    const rebuildRatios = Object.fromEntries(Object.entries(rebuildEach).map(([name, each]) => [name, round(each.rate / readAll.rate, 3)]));
    const slowest = Object.entries(rebuildRatios).sort((a, b) => a[1] - b[1])[0] ?? ['none', 0];
    const facts = { seconds: secondsSince(runStart), cores: availableParallelism(), node: process.versions.node, loadAtStart, loadAtEnd: loadavg()[0] };
    const checks = {
      rebuild_all_over_read_all: { value: round(rebuildAll.rate / readAll.rate, 3), target: `≥ ${TARGET_REBUILD_RATIO}`, met: rebuildAll.rate / readAll.rate >= TARGET_REBUILD_RATIO },
      slowest_rebuild_over_read_all: { projection: slowest[0], value: slowest[1], target: `≥ ${TARGET_REBUILD_RATIO}`, met: slowest[1] >= TARGET_REBUILD_RATIO },
      statements_per_title_change: { value: round(statements.perChange, 2), target: `≤ ${TARGET_STATEMENTS_PER_TITLE_CHANGE}`, met: statements.perChange <= TARGET_STATEMENTS_PER_TITLE_CHANGE },
    };

    const lines = [
      '',
      'Glint read side benchmark',
      `  ${facts.cores} cores, Node ${facts.node}; ${formatInt(generated.events)} generated events (seed ${seed}), embedded PostgreSQL`,
      loadLine(facts),
      '',
      renderTable(
        ['phase', 'events', 'seconds', 'events/s', 'of read all'],
        [
          ['read all', formatInt(readAll.events), readAll.seconds.toFixed(1), formatInt(readAll.rate), '1.000'],
          ['rebuild, all together', formatInt(rebuildAll.events), rebuildAll.seconds.toFixed(1), formatInt(rebuildAll.rate), (rebuildAll.rate / readAll.rate).toFixed(3)],
          ...Object.entries(rebuildEach).map(([name, each]) => [`rebuild ${name}`, formatInt(each.events), each.seconds.toFixed(1), formatInt(each.rate), rebuildRatios[name].toFixed(3)]),
        ],
        [false, true, true, true, true],
      ),
      '',
      `Live: ${formatInt(live.commands)} commands in ${live.seconds.toFixed(1)} s (${formatInt(live.eventsPerSecond)} events/s), ${live.failed} failed${live.firstFailure ? ` (first: ${live.firstFailure})` : ''}`,
      renderTable(
        ['append → visible', 'events', 'p50 ms', 'p99 ms', 'max ms'],
        Object.entries(live.visible).map(([name, p]) => [name, formatInt(p.count), formatMs(p.p50), formatMs(p.p99), formatMs(p.max)]),
        [false, true, true, true, true],
      ),
      '',
      `Statements per channel title change (projections, reactors and relay running; ${TITLE_CHANGES_COUNTED} changes): ${statements.perChange.toFixed(2)}`,
      ...statements.top.map((row) => `  ${String(row.calls).padStart(6)}  ${row.query}`),
      '',
      'Targets',
      ...Object.entries(checks).map(([name, check]) => `  ${check.met ? 'met    ' : 'MISSED '} ${name} = ${check.value} (${check.target})`),
      '',
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
    const summary = {
      benchmark: 'projections',
      events: generated.events,
      seed,
      read_all: Math.round(readAll.rate),
      rebuild_all: Math.round(rebuildAll.rate),
      rebuild: Object.fromEntries(Object.entries(rebuildEach).map(([name, each]) => [name, Math.round(each.rate)])),
      rebuild_all_over_read_all: checks.rebuild_all_over_read_all.value,
      rebuild_over_read_all: rebuildRatios,
      live_rate_per_second: liveRate,
      live_events_per_second: Math.round(live.eventsPerSecond),
      live_failed: live.failed,
      live_visible_p50_ms: Object.fromEntries(Object.entries(live.visible).map(([name, p]) => [name, round(p.p50)])),
      live_visible_p99_ms: Object.fromEntries(Object.entries(live.visible).map(([name, p]) => [name, round(p.p99)])),
      statements_per_title_change: round(statements.perChange, 2),
      targets_met: Object.fromEntries(Object.entries(checks).map(([name, check]) => [name, check.met])),
      run: machineJson(facts),
    };
    process.stdout.write(`${JSON.stringify(summary)}\n`);
  } finally {
    await admin.end();
    await cleanup();
  }
  return 0;
}

/**
 * The live phases run in a process of their own, under ts-node as the CLI runs: Nest resolves the
 * platform's providers by their decorator metadata, which tsx does not emit.
 */
function livePhases(url: string, rate: number, seconds: number): Promise<LiveOutcome> {
  return new Promise((resolve, reject) => {
    const settings: LiveSettings = { databaseUrl: url, database: DATABASE, rate, seconds, titleChanges: TITLE_CHANGES_COUNTED };
    const child = fork(join(__dirname, 'projections/live-process.ts'), [JSON.stringify(settings)], {
      execArgv: ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', ...(process.env.GLINT_BENCH_LIVE_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.GLINT_BENCH_LIVE_PROFILE}`] : [])],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    let outcome: { ok: true; result: LiveOutcome } | { ok: false; error: string } | undefined;
    child.on('message', (message) => (outcome = message as typeof outcome));
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (outcome?.ok) resolve(outcome.result);
      else reject(new Error(outcome ? `The live phase failed:\n${outcome.error}` : `The live phase exited with ${signal ?? `code ${code}`} and no result`));
    });
  });
}

runBenchmark(main);
