/**
 * Load on one page URL from a process of its own, so the server under test never shares an event
 * loop with its clients. Started by bench/api.ts with its settings as JSON in argv; prints its
 * result as one JSON line on stdout, progress on stderr.
 * - fixed_rate: an open loop at `rate` requests/s (see paced-requests.ts);
 * - max_throughput: autocannon's closed loop, `connections` connections each with one request in flight.
 */
import autocannon from 'autocannon';
import { Progress } from '../progress';
import { formatInt, LatencyRecorder, type Percentiles } from '../stats';
import { sendPaced } from './paced-requests';
import { countCpu, type CpuSeconds } from './process-cpu';

const PROGRESS_EVERY_SECONDS = 5;

interface CommonSettings {
  label: string;
  url: string;
  seconds: number;
  serverPid: number;
  databasePid?: number;
}

export type PageLoadSettings = CommonSettings & ({ kind: 'fixed_rate'; rate: number } | { kind: 'max_throughput'; connections: number });

export interface PageLoadResult {
  responses: number;
  seconds: number;
  requestsPerSecond: number;
  latency: Percentiles;
  errors: number;
  non2xx: number;
  /** fixed_rate only: what the first answer outside 2xx said. */
  firstNon2xx?: string | null;
  cpu: CpuSeconds;
  /** fixed_rate only: p99 of how late requests left against the schedule, in ms. */
  sendLagP99Ms?: number;
}

async function fixedRate(settings: CommonSettings & { rate: number }): Promise<PageLoadResult> {
  const url = new URL(settings.url);
  const progress = new Progress(settings.label, Math.round(settings.rate * settings.seconds), 'requests');
  const stopCpu = countCpu(settings.serverPid, settings.databasePid);
  const result = await sendPaced({
    origin: url,
    rate: settings.rate,
    seconds: settings.seconds,
    request: () => ({ method: 'GET', path: url.pathname, headers: {} }),
    onResponse: () => progress.increment(),
  });
  const cpu = stopCpu();
  progress.stop();
  const { responses, seconds, latency, errors, non2xx, firstNon2xx } = result;
  return { responses, seconds, requestsPerSecond: responses / seconds, latency, errors, non2xx, firstNon2xx, cpu, sendLagP99Ms: result.sendLag.p99 };
}

function maxThroughput(settings: CommonSettings & { connections: number }): Promise<PageLoadResult> {
  const latency = new LatencyRecorder();
  const stopCpu = countCpu(settings.serverPid, settings.databasePid);
  const startedAt = performance.now();
  let elapsed = 0;
  let answered = 0;
  let answeredAtLastLine = 0;
  return new Promise((resolve, reject) => {
    const instance = autocannon({ url: settings.url, connections: settings.connections, pipelining: 1, duration: settings.seconds }, (error, result) => {
      if (error) {
        reject(error);
        return;
      }
      const cpu = stopCpu();
      const seconds = (performance.now() - startedAt) / 1000;
      const percentiles = latency.percentiles();
      resolve({ responses: percentiles.count, seconds, requestsPerSecond: percentiles.count / seconds, latency: percentiles, errors: result.errors, non2xx: result.non2xx, cpu });
    });
    instance.on('response', (_client, _statusCode, _bytes, responseTime) => {
      latency.record(responseTime);
      answered++;
    });
    instance.on('tick', () => {
      elapsed++;
      if (elapsed % PROGRESS_EVERY_SECONDS !== 0 && elapsed !== settings.seconds) return;
      const window = elapsed % PROGRESS_EVERY_SECONDS || PROGRESS_EVERY_SECONDS;
      process.stderr.write(`  ${settings.label.padEnd(34)} ${elapsed}/${settings.seconds} s, ${formatInt((answered - answeredAtLastLine) / window)} requests/s\n`);
      answeredAtLastLine = answered;
    });
  });
}

async function main(): Promise<void> {
  const settings = JSON.parse(process.argv[2]) as PageLoadSettings;
  const result = settings.kind === 'fixed_rate' ? await fixedRate(settings) : await maxThroughput(settings);
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`Load generator failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
