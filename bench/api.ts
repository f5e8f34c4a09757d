/**
 * `npm run bench:api`: Glint's channel page (`GET /api/channels/:username`) and live updates
 * (`/ws/live`) under load from other processes, each beside a bare Node server measured in the same
 * run. The platform runs as users run it (built, `node dist/…/main.js`) on a throwaway embedded
 * PostgreSQL and the Redis at REDIS_URL; its channel is made through the public API.
 * Human-readable progress goes to stderr; the report to stdout, its last line one JSON object.
 * Knobs: see bench/api/config.ts (BENCH_API_SECONDS=3 for a quick run).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedPostgres, type RunningPostgres } from '../libs/database/src/embedded-postgres';
import { freePort } from '../libs/database/src/free-port';
import { Children } from './api/children';
import { loadApiBenchConfig, type ApiBenchConfig } from './api/config';
import type { LiveLoadResult, LiveLoadSettings } from './api/live-load';
import type { PageLoadResult, PageLoadSettings } from './api/load-generator';
import { buildPlatform, startPlatform, type PlatformComplaints } from './api/platform-process';
import { requireRedis } from './api/redis';
import { apiSummaryJson, excerpt, renderApiReport, type ApiBenchResults, type PagePhase, type ServerName } from './api/report';
import { channelPage, seedChannel, type SeededChannel } from './api/seed';
import { SetupFailure } from './api/setup-failure';
import { postmasterPid } from './cpu';
import { databaseUrl, withClient } from './database';
import { Progress } from './progress';
import { now, runBenchmark, secondsSince } from './runner';
import { formatInt, formatMs } from './stats';

const LOAD_GENERATOR = join(__dirname, 'api/load-generator.ts');
const LIVE_LOAD = join(__dirname, 'api/live-load.ts');
const BARE_PAGE_SERVER = join(__dirname, 'api/bare-page-server.ts');
const BARE_LIVE_SERVER = join(__dirname, 'api/bare-live-server.ts');
const DATABASE = 'glint_api_bench';
const SHUTDOWN_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

const log = (line: string) => process.stderr.write(`${line}\n`);

/** One server under test: where it listens and whose CPU its phases count. */
interface Target {
  server: ServerName;
  origin: string;
  pid: number;
  databasePid?: number;
}

/**
 * embedded-postgres stops its servers and exits the process on a signal by itself, which would leave
 * the platform running without its database; the benchmark's own cleanup stops everything in order.
 */
async function startPostgres(dataDir: string, port: number): Promise<RunningPostgres> {
  const before = new Map(SHUTDOWN_SIGNALS.map((signal) => [signal, new Set(process.listeners(signal))]));
  try {
    return await startEmbeddedPostgres({ dataDir, port, persistent: false });
  } finally {
    for (const signal of SHUTDOWN_SIGNALS) {
      for (const listener of process.listeners(signal)) if (!before.get(signal)?.has(listener)) process.removeListener(signal, listener);
    }
  }
}

function isRunning(pid: number | undefined): boolean {
  if (pid === undefined) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function pagePhases(children: Children, config: ApiBenchConfig, target: Target, path: string): Promise<Record<PagePhase, PageLoadResult>> {
  const common = { url: `${target.origin}${path}`, serverPid: target.pid, databasePid: target.databasePid };
  const run = (settings: PageLoadSettings) => children.run<PageLoadResult>(LOAD_GENERATOR, settings);
  log(`\nChannel page on ${target.server}:`);
  if (config.warmupSeconds > 0) {
    await run({ ...common, kind: 'fixed_rate', rate: config.fixedRate, seconds: config.warmupSeconds, label: `${target.server} warm-up` });
  }
  const fixedRate = await run({ ...common, kind: 'fixed_rate', rate: config.fixedRate, seconds: config.seconds, label: `${target.server} ${config.fixedRate} requests/s` });
  log(`  → ${describe(fixedRate)}`);
  const maxThroughput = await run({ ...common, kind: 'max_throughput', connections: config.connections, seconds: config.seconds, label: `${target.server} max, ${config.connections} connections` });
  log(`  → ${describe(maxThroughput)}`);
  return { fixed_rate: fixedRate, max_throughput: maxThroughput };
}

function describe(result: PageLoadResult): string {
  const { latency } = result;
  return `${formatInt(result.requestsPerSecond)} requests/s; p50 ${formatMs(latency.p50)} ms, p99 ${formatMs(latency.p99)} ms, p99.9 ${formatMs(latency.p999)} ms; ${result.errors} errors, ${result.non2xx} non-2xx${result.firstNon2xx ? ` (first: ${excerpt(result.firstNon2xx, 120)})` : ''}`;
}

async function livePhase(children: Children, config: ApiBenchConfig, target: Target, channel: SeededChannel, updatePath: string): Promise<LiveLoadResult> {
  log(`\nLive updates on ${target.server}: ${config.subscribers} sockets, ${config.updatesPerSecond} title changes/s`);
  const settings: LiveLoadSettings = {
    label: `${target.server} title changes`,
    server: target.server,
    socketUrl: `${target.origin.replace(/^http/, 'ws')}/ws/live`,
    updateUrl: `${target.origin}${updatePath}`,
    channelId: channel.channelId,
    username: channel.username,
    ownerToken: channel.ownerToken,
    socketTokens: channel.viewerTokens,
    subscribers: config.subscribers,
    updatesPerSecond: config.updatesPerSecond,
    seconds: config.seconds,
    warmupSeconds: config.warmupSeconds,
    serverPid: target.pid,
    databasePid: target.databasePid,
  };
  const result = await children.run<LiveLoadResult>(LIVE_LOAD, settings);
  const { delivery } = result;
  log(
    `  → ${formatInt(delivery.delivered)} of ${formatInt(delivery.expected)} frames; frame p50 ${formatMs(delivery.latency.p50)} ms, p99 ${formatMs(delivery.latency.p99)} ms; ` +
      `change p99 ${formatMs(result.updates.latency.p99)} ms, ${result.updates.non2xx} non-2xx${result.updates.firstNon2xx ? ` (first: ${excerpt(result.updates.firstNon2xx, 120)})` : ''}`,
  );
  return result;
}

async function main(): Promise<number> {
  const config = loadApiBenchConfig();
  const runStart = now();
  const loadAtStart = loadavg()[0];
  const children = new Children();
  const dataDir = join(tmpdir(), `glint-bench-api-postgres-${process.pid}-${randomBytes(4).toString('hex')}`);
  const platformDir = mkdtempSync(join(tmpdir(), 'glint-bench-api-'));
  let postgres: RunningPostgres | undefined;
  let cleaning: Promise<void> | undefined;
  const cleanup = () =>
    (cleaning ??= (async () => {
      try {
        await children.stopAll();
        // On Ctrl-C the terminal signals PostgreSQL too; stopping a server that is gone would wait forever.
        if (postgres && isRunning(postmasterPid(dataDir))) {
          log('Stopping the benchmark PostgreSQL…');
          await postgres.stop();
        }
      } finally {
        rmSync(dataDir, { recursive: true, force: true });
        rmSync(platformDir, { recursive: true, force: true });
      }
    })());
  // Registered with on(), not once(): a second Ctrl-C must wait for the same cleanup, not end the process halfway.
  const onSignal = (signal: NodeJS.Signals) => {
    log(`\nReceived ${signal}: stopping.`);
    void cleanup().finally(() => process.exit(130));
  };
  for (const signal of SHUTDOWN_SIGNALS) process.on(signal, onSignal);

  let results: ApiBenchResults;
  let pageBytes: number;
  let viewers: number;
  let complaints: PlatformComplaints;
  try {
    await requireRedis(config.redisUrl);
    const postgresPort = await freePort();
    log(`Building the platform (nest build platform) and starting an embedded PostgreSQL in ${dataDir} on port ${postgresPort}…`);
    [, postgres] = await Promise.all([buildPlatform(children), startPostgres(dataDir, postgresPort)]);
    const serverUrl = postgres.url;
    await withClient(serverUrl, (client) => client.query(`CREATE DATABASE ${DATABASE}`));

    log('Starting the platform (LOG_LEVEL=warn)…');
    const platform = await startPlatform(children, {
      databaseUrl: databaseUrl(serverUrl, DATABASE),
      redisUrl: config.redisUrl,
      port: await freePort(),
      cwd: platformDir,
      cpuProfileDir: config.cpuProfileDir,
    });
    const glint: Target = { server: 'glint', origin: platform.baseUrl, pid: platform.pid, databasePid: postmasterPid(dataDir) };

    log(`Making the channel through the API: a streamer and ${config.viewers} viewers who follow it…`);
    const signUps = new Progress('sign-ups and follows', config.viewers, 'viewers');
    const channel = await seedChannel(platform.baseUrl, config.viewers, () => signUps.increment());
    signUps.stop();
    viewers = channel.viewerTokens.length;
    const pagePath = `/api/channels/${channel.username}`;
    const page = await channelPage(platform.baseUrl, channel.username, viewers);
    pageBytes = page.body.length;

    const barePageServer = await children.startServer(BARE_PAGE_SERVER, { bodyBase64: page.body.toString('base64'), contentType: page.contentType });
    const glintPage = await pagePhases(children, config, glint, pagePath);
    const barePage = await pagePhases(children, config, { server: 'bare', origin: `http://127.0.0.1:${barePageServer.port}`, pid: barePageServer.child.pid! }, pagePath);
    await children.stop(barePageServer.child);

    const bareLiveServer = await children.startServer(BARE_LIVE_SERVER, {});
    const glintLive = await livePhase(children, config, glint, channel, pagePath);
    const bareLive = await livePhase(children, config, { server: 'bare', origin: `http://127.0.0.1:${bareLiveServer.port}`, pid: bareLiveServer.child.pid! }, channel, '/');
    complaints = platform.complaints();

    results = {
      page: {
        fixed_rate: { glint: glintPage.fixed_rate, bare: barePage.fixed_rate },
        max_throughput: { glint: glintPage.max_throughput, bare: barePage.max_throughput },
      },
      live: { glint: glintLive, bare: bareLive },
    };
  } finally {
    await cleanup();
  }

  const facts = { seconds: secondsSince(runStart), cores: availableParallelism(), node: process.versions.node, loadAtStart, loadAtEnd: loadavg()[0], pageBytes, viewers, complaints };
  if (config.cpuProfileDir) log(`The platform's CPU profile is in ${config.cpuProfileDir} (open it in Chrome DevTools, Performance tab).`);
  process.stdout.write(`${renderApiReport(results, config, facts)}\n`);
  process.stdout.write(`${apiSummaryJson(results, config, facts)}\n`);
  return 0;
}

runBenchmark(main, (error) => error instanceof SetupFailure);
