/**
 * `npm run bench:gateway`: Glint's WebRTC gateway forwarding one 3 Mbit/s publisher to 10 … 400
 * viewers on loopback, beside a bare Node UDP relay forwarding the same packets to as many sockets
 * in the same run. Forwarder, publisher and receivers each run in processes of their own, so the
 * forwarder's CPU is its own; every viewer count starts on fresh processes.
 * Human-readable progress goes to stderr; the report to stdout, its last line one JSON object.
 * Knobs: see bench/gateway/config.ts (BENCH_GATEWAY_QUICK=1 for a quick run).
 */
import { availableParallelism, loadavg } from 'node:os';
import { Children } from './api/children';
import { loadGatewayBenchConfig } from './gateway/config';
import { measurePath } from './gateway/measure';
import { gatewaySummaryJson, renderGatewayReport } from './gateway/report';
import { cpuPercent, deliveredShare, packetsPerCpuSecond, type PathResult, type ViewerCountResult } from './gateway/results';
import { now, runBenchmark, secondsSince } from './runner';
import { formatInt, formatMs } from './stats';

const SHUTDOWN_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

const log = (line: string) => process.stderr.write(`${line}\n`);

const describe = (result: PathResult) =>
  `${(100 * deliveredShare(result)).toFixed(3)}% delivered; p50 ${formatMs(result.latency.p50Ms)} ms, p99 ${formatMs(result.latency.p99Ms)} ms; ` +
  `forwarder ${cpuPercent(result).toFixed(0)}% of a core, ${formatInt(packetsPerCpuSecond(result))} packets/CPU-s`;

async function main(): Promise<number> {
  const config = loadGatewayBenchConfig();
  const runStart = now();
  const loadAtStart = loadavg()[0];
  const children = new Children();
  // Registered with on(), not once(): a second Ctrl-C must wait for the same cleanup, not end the process halfway.
  let stopping: Promise<void> | undefined;
  const onSignal = (signal: NodeJS.Signals) => {
    log(`\nReceived ${signal}: stopping.`);
    stopping ??= children.stopAll().finally(() => process.exit(130));
  };
  for (const signal of SHUTDOWN_SIGNALS) process.on(signal, onSignal);

  log(`Gateway benchmark: ${config.viewerCounts.join(', ')} viewers, ${config.seconds} s measured after ${config.warmupSeconds} s of warm-up each (load average ${loadAtStart.toFixed(2)})`);
  const results: ViewerCountResult[] = [];
  for (const viewers of config.viewerCounts) {
    log(`\n${viewers} viewers:`);
    const glint = await measurePath(children, config, 'glint', viewers);
    log(`  glint → ${describe(glint)}`);
    const bare = await measurePath(children, config, 'bare', viewers);
    log(`  bare  → ${describe(bare)}`);
    results.push({ viewers, glint, bare });
  }

  const facts = { seconds: secondsSince(runStart), cores: availableParallelism(), node: process.versions.node, loadAtStart, loadAtEnd: loadavg()[0] };
  if (config.cpuProfileDir) log(`The gateway's CPU profiles, one per viewer count, are in ${config.cpuProfileDir} (open them in Chrome DevTools, Performance tab).`);
  process.stdout.write(`${renderGatewayReport(results, config, facts)}\n`);
  process.stdout.write(`${gatewaySummaryJson(results, config, facts)}\n`);
  return 0;
}

runBenchmark(main);
