import { loadLine, machineJson, type MachineFacts } from '../run-facts';
import { formatInt, formatMs, renderTable, round, type Percentiles } from '../stats';
import { TARGETS, type ApiBenchConfig } from './config';
import type { LiveLoadResult } from './live-load';
import type { PageLoadResult } from './load-generator';
import type { PlatformComplaints } from './platform-process';
import type { CpuSeconds } from './process-cpu';

export type ServerName = 'glint' | 'bare';
export type PagePhase = 'fixed_rate' | 'max_throughput';

export interface ApiBenchResults {
  page: Record<PagePhase, Record<ServerName, PageLoadResult>>;
  live: Record<ServerName, LiveLoadResult>;
}

export interface ApiRunFacts extends MachineFacts {
  pageBytes: number;
  viewers: number;
  complaints: PlatformComplaints;
}

/** The table shows the start of the first refusal (its status and problem type); the JSON line has more. */
const NON_2XX_SHOWN = 80;
const SERVER_LABELS: Record<ServerName, string> = { glint: 'glint', bare: 'bare node' };

export const excerpt = (text: string, length: number): string => (text.length > length ? `${text.slice(0, length)}…` : text);
const cpuText = (seconds: number | null) => (seconds === null ? 'n/a' : seconds.toFixed(2));
const ratio = (numerator: number, denominator: number): number | null => (denominator > 0 ? numerator / denominator : null);
const ratioText = (value: number | null) => (value === null ? 'n/a' : `${value.toFixed(2)}x`);

/** Server CPU per answered request, in microseconds. */
function cpuPerRequestUs(result: PageLoadResult): number | null {
  return result.cpu.server === null || result.responses === 0 ? null : (result.cpu.server / result.responses) * 1e6;
}

interface Check {
  key: string;
  label: string;
  value: number | null;
  shown: string;
  target: string;
  met: boolean | null;
}

function checks(results: ApiBenchResults): Check[] {
  const p99 = results.page.fixed_rate.glint.latency.p99;
  const throughput = ratio(results.page.max_throughput.glint.requestsPerSecond, results.page.max_throughput.bare.requestsPerSecond);
  return [
    {
      key: 'page_p99_at_fixed_rate_ms',
      label: 'page p99 at the fixed rate',
      value: p99,
      shown: `${formatMs(p99)} ms`,
      target: `< ${TARGETS.pageP99AtFixedRateMs} ms`,
      met: p99 < TARGETS.pageP99AtFixedRateMs,
    },
    {
      key: 'page_max_throughput_glint_over_bare',
      label: 'page max requests/s, glint / bare',
      value: throughput,
      shown: ratioText(throughput),
      target: `>= ${TARGETS.pageMaxThroughputOverBare}x`,
      met: throughput === null ? null : throughput >= TARGETS.pageMaxThroughputOverBare,
    },
  ];
}

function ratios(results: ApiBenchResults): Record<string, number | null> {
  const { page, live } = results;
  const glintCpu = cpuPerRequestUs(page.max_throughput.glint);
  const bareCpu = cpuPerRequestUs(page.max_throughput.bare);
  return {
    page_max_throughput_glint_over_bare: ratio(page.max_throughput.glint.requestsPerSecond, page.max_throughput.bare.requestsPerSecond),
    page_p99_fixed_rate_glint_over_bare: ratio(page.fixed_rate.glint.latency.p99, page.fixed_rate.bare.latency.p99),
    page_p99_max_throughput_glint_over_bare: ratio(page.max_throughput.glint.latency.p99, page.max_throughput.bare.latency.p99),
    page_cpu_per_request_glint_over_bare: glintCpu === null || bareCpu === null ? null : ratio(glintCpu, bareCpu),
    live_delivery_p99_glint_over_bare: ratio(live.glint.delivery.latency.p99, live.bare.delivery.latency.p99),
    live_delivered_glint: ratio(live.glint.delivery.delivered, live.glint.delivery.expected),
    live_delivered_bare: ratio(live.bare.delivery.delivered, live.bare.delivery.expected),
  };
}

function latencyCells(latency: Percentiles): string[] {
  return [formatMs(latency.p50), formatMs(latency.p99), formatMs(latency.p999)];
}

function pageRow(server: ServerName, phase: string, result: PageLoadResult): string[] {
  const errors = result.non2xx > 0 ? `${result.errors} + ${result.non2xx} non-2xx` : String(result.errors);
  const notes = [`${formatInt(result.responses)} answers`, `cpu/request ${cpuPerRequestUs(result)?.toFixed(0) ?? 'n/a'} µs`];
  if (result.cpu.database !== null) notes.push(`PostgreSQL cpu ${cpuText(result.cpu.database)} s`);
  notes.push(`load generator cpu ${cpuText(result.cpu.loadGenerator)} s`);
  if (result.sendLagP99Ms !== undefined) notes.push(`send lag p99 ${formatMs(result.sendLagP99Ms)} ms`);
  if (result.firstNon2xx) notes.push(`first non-2xx: ${excerpt(result.firstNon2xx, NON_2XX_SHOWN)}`);
  return [SERVER_LABELS[server], phase, formatInt(result.requestsPerSecond), ...latencyCells(result.latency), errors, cpuText(result.cpu.server), notes.join('; ')];
}

function liveRows(server: ServerName, result: LiveLoadResult, subscribers: number): string[][] {
  const { updates, delivery, cpu } = result;
  const change = server === 'glint' ? 'PATCH title' : 'POST frame';
  const updateErrors = updates.non2xx > 0 ? `${updates.errors} + ${updates.non2xx} non-2xx` : String(updates.errors);
  const missing = delivery.expected - delivery.delivered;
  const notes = [`cpu covers both rows`];
  if (cpu.database !== null) notes.push(`PostgreSQL cpu ${cpuText(cpu.database)} s`);
  notes.push(`load generator cpu ${cpuText(cpu.loadGenerator)} s`);
  if (updates.firstNon2xx) notes.push(`first non-2xx: ${excerpt(updates.firstNon2xx, NON_2XX_SHOWN)}`);
  return [
    [SERVER_LABELS[server], `live: ${change}`, formatInt(updates.requestsPerSecond), ...latencyCells(updates.latency), updateErrors, cpuText(cpu.server), notes.join('; ')],
    [
      SERVER_LABELS[server],
      `live: frame to ${subscribers} sockets`,
      formatInt(delivery.framesPerSecond),
      ...latencyCells(delivery.latency),
      `${formatInt(missing)} missing${delivery.socketsClosed > 0 ? `, ${delivery.socketsClosed} sockets closed` : ''}`,
      '',
      `${formatInt(delivery.delivered)} of ${formatInt(delivery.expected)} frames; latency from the change sent to the frame read`,
    ],
  ];
}

/** The human-readable report: one row per server and phase, then the ratios and the targets. */
export function renderApiReport(results: ApiBenchResults, config: ApiBenchConfig, facts: ApiRunFacts): string {
  const { page, live } = results;
  const fixed = `page, ${formatInt(config.fixedRate)}/s`;
  const max = `page, max (${config.connections} conn.)`;
  const rows = [
    pageRow('glint', fixed, page.fixed_rate.glint),
    pageRow('bare', fixed, page.fixed_rate.bare),
    pageRow('glint', max, page.max_throughput.glint),
    pageRow('bare', max, page.max_throughput.bare),
    ...liveRows('glint', live.glint, config.subscribers),
    ...liveRows('bare', live.bare, config.subscribers),
  ];
  const table = renderTable(
    ['server', 'phase', 'requests/s', 'p50 ms', 'p99 ms', 'p99.9 ms', 'errors', 'server cpu s', 'notes'],
    rows,
    [false, false, true, true, true, true, true, true, false],
  );
  const all = ratios(results);
  const lines = [
    '',
    'Glint API benchmark: GET /api/channels/:username and /ws/live, each beside a bare Node server in the same run',
    `  ${facts.cores} cores, Node ${facts.node}; servers, load and PostgreSQL share these cores over loopback`,
    loadLine(facts),
    `  ${config.seconds} s per phase after a ${config.warmupSeconds} s warm-up; channel page of ${formatInt(facts.pageBytes)} bytes with ${facts.viewers} followers; ` +
      `${config.subscribers} live sockets, ${config.updatesPerSecond} title changes/s`,
    `  the platform logged ${facts.complaints.lines} lines at warn or above${facts.complaints.first ? `; the first: ${facts.complaints.first}` : ''}`,
    '',
    table,
    '',
    'Targets (all figures from this run)',
    ...checks(results).map((check) => `  ${check.label.padEnd(36)} ${check.shown.padStart(10)}   target ${check.target.padEnd(9)} ${check.met === null ? 'not measured' : check.met ? 'MET' : 'MISSED'}`),
    '',
    'Ratios to the bare server',
    `  page p99 at ${formatInt(config.fixedRate)}/s, glint / bare          ${ratioText(all.page_p99_fixed_rate_glint_over_bare)}`,
    `  page p99 at max throughput, glint / bare  ${ratioText(all.page_p99_max_throughput_glint_over_bare)}`,
    `  server cpu per page request, glint / bare ${ratioText(all.page_cpu_per_request_glint_over_bare)}`,
    `  live frame p99, glint / bare              ${ratioText(all.live_delivery_p99_glint_over_bare)}`,
    '',
    `Total run time: ${facts.seconds.toFixed(1)} s (build, PostgreSQL, platform start, sign-ups, warm-ups and all phases)`,
  ];
  return lines.join('\n');
}

function pageFigures(result: PageLoadResult) {
  return {
    requests_per_second: round(result.requestsPerSecond),
    ...latencyFigures(result.latency),
    responses: result.responses,
    errors: result.errors,
    non_2xx: result.non2xx,
    seconds: round(result.seconds, 2),
    cpu_s: cpuFigures(result.cpu),
    cpu_us_per_request: roundOrNull(cpuPerRequestUs(result)),
    ...(result.sendLagP99Ms === undefined ? {} : { send_lag_p99_ms: round(result.sendLagP99Ms, 3) }),
    ...(result.firstNon2xx ? { first_non_2xx: result.firstNon2xx } : {}),
  };
}

function liveFigures(result: LiveLoadResult) {
  const { updates, delivery } = result;
  return {
    updates: {
      requests_per_second: round(updates.requestsPerSecond, 2),
      ...latencyFigures(updates.latency),
      responses: updates.responses,
      errors: updates.errors,
      non_2xx: updates.non2xx,
      ...(updates.firstNon2xx ? { first_non_2xx: updates.firstNon2xx } : {}),
    },
    delivery: { frames_per_second: round(delivery.framesPerSecond), ...latencyFigures(delivery.latency), expected: delivery.expected, delivered: delivery.delivered, sockets_closed: delivery.socketsClosed },
    cpu_s: cpuFigures(result.cpu),
  };
}

const latencyFigures = (latency: Percentiles) => ({ p50_ms: round(latency.p50, 3), p99_ms: round(latency.p99, 3), p999_ms: round(latency.p999, 3), max_ms: round(latency.max, 3) });
const cpuFigures = (cpu: CpuSeconds) => ({ server: roundOrNull(cpu.server, 2), database: roundOrNull(cpu.database, 2), load_generator: roundOrNull(cpu.loadGenerator, 2) });
const roundOrNull = (value: number | null, digits = 1) => (value === null ? null : round(value, digits));

/** The one-line JSON summary: every figure and ratio the report prints. */
export function apiSummaryJson(results: ApiBenchResults, config: ApiBenchConfig, facts: ApiRunFacts): string {
  const { page, live } = results;
  const summary = {
    page: {
      fixed_rate: { glint: pageFigures(page.fixed_rate.glint), bare: pageFigures(page.fixed_rate.bare) },
      max_throughput: { glint: pageFigures(page.max_throughput.glint), bare: pageFigures(page.max_throughput.bare) },
    },
    live: { glint: liveFigures(live.glint), bare: liveFigures(live.bare) },
    ratios: Object.fromEntries(Object.entries(ratios(results)).map(([key, value]) => [key, roundOrNull(value, 3)])),
    targets: Object.fromEntries(checks(results).map((check) => [check.key, { value: roundOrNull(check.value, 3), target: check.target, met: check.met }])),
    run: {
      seconds_per_phase: config.seconds,
      warmup_seconds: config.warmupSeconds,
      fixed_rate: config.fixedRate,
      connections: config.connections,
      viewers: facts.viewers,
      subscribers: config.subscribers,
      updates_per_second: config.updatesPerSecond,
      page_bytes: facts.pageBytes,
      platform_complaints: facts.complaints.lines,
      platform_first_complaint: facts.complaints.first,
      ...machineJson(facts),
    },
  };
  return JSON.stringify(summary);
}
