import { loadLine, type MachineFacts } from './run-facts';
import { TARGETS, type BenchConfig } from './config';
import { formatInt, formatMs, renderTable, round, type PhaseResult, type StoreName, type WorkloadName } from './stats';

export interface RunFacts extends MachineFacts {
  seconds: number;
  cores: number;
  node: string;
  postgres: string;
  settings: string;
  /** 1-minute load average when the run started and when it ended: other work on the same cores skews every figure. */
  loadAtStart: number;
  loadAtEnd: number;
}

const LABELS: Record<WorkloadName, string> = {
  append_new_streams: '(a) append, new streams',
  append_hot_streams: '(b) append, hot streams',
  bulk_import: '(d) bulk import',
  read_all: '(c) read all',
  catch_up: '(c) catch-up subscription',
};

type Check = { key: string; label: string; value: number | undefined; target: number; shown: string };

/** The human-readable report: a table per store and workload, the ratios, and the targets. */
export function renderReport(results: PhaseResult[], config: BenchConfig, facts: RunFacts): string {
  const rows = results.map((result) => [
    LABELS[result.workload],
    result.store,
    formatInt(result.events),
    result.seconds.toFixed(2),
    formatInt(result.eventsPerSecond),
    formatMs(result.latency.p50),
    formatMs(result.latency.p99),
    result.latency.unit,
    describeDetails(result),
  ]);
  const table = renderTable(
    ['workload', 'store', 'events', 'seconds', 'events/s', 'p50 ms', 'p99 ms', 'latency of one', 'notes'],
    rows,
    [false, false, true, true, true, true, true, false, false],
  );
  const lines = [
    '',
    'Glint event store benchmark',
    `  ${facts.cores} cores, Node ${facts.node}, ${facts.postgres}`,
    `  ${facts.settings}`,
    loadLine(facts),
    `  scale ${config.scale}, ${config.concurrency} concurrent callers for (a) and (b), ${config.hotStreams} hot streams in (b), one server, one database per store, each phase in its own process`,
    '',
    table,
    '',
    'Ratios and targets (all figures from this run)',
    ...checks(results).map(renderCheck),
    '',
    `Total run time: ${facts.seconds.toFixed(1)} s (server start, setup, warm-ups and all phases)`,
  ];
  return lines.join('\n');
}

function describeDetails(result: PhaseResult): string {
  const d = result.details;
  const parts: string[] = [];
  if (typeof d.append_calls === 'number') {
    parts.push(`${formatInt(d.append_calls)} calls, ${formatInt(Number(d.conflicts_retried))} conflicts retried`);
    parts.push(`op with retries p50/p99 ${formatMs(Number(d.operation_p50_ms))}/${formatMs(Number(d.operation_p99_ms))} ms`);
  }
  if (typeof d.batches_in_flight === 'number') parts.push(`${d.batches_in_flight} batches in flight`);
  if (typeof d.client_cpu_s === 'number' && typeof d.server_cpu_s === 'number') {
    const server = Number.isFinite(d.server_cpu_s) ? `${d.server_cpu_s.toFixed(1)} s` : 'n/a';
    parts.push(`cpu client ${d.client_cpu_s.toFixed(1)} s, server ${server}`);
  }
  if (typeof d.server_commits_incl_warmup === 'number') {
    const rollbacks = Number(d.server_rollbacks_incl_warmup ?? 0);
    parts.push(`${formatInt(d.server_commits_incl_warmup)} commits${rollbacks > 0 ? ` + ${formatInt(rollbacks)} rollbacks` : ''} (warm-up incl.)`);
  }
  return parts.join('; ');
}

function rate(results: PhaseResult[], workload: WorkloadName, store: StoreName): number | undefined {
  return results.find((result) => result.workload === workload && result.store === store)?.eventsPerSecond;
}

function ratio(numerator: number | undefined, denominator: number | undefined): number | undefined {
  return numerator !== undefined && denominator !== undefined && denominator > 0 ? numerator / denominator : undefined;
}

function checks(results: PhaseResult[]): Check[] {
  const glintA = rate(results, 'append_new_streams', 'glint');
  const readAll = rate(results, 'read_all', 'glint');
  return [
    { key: 'append_new_streams_glint_over_emmett', label: '(a) glint / emmett', value: ratio(glintA, rate(results, 'append_new_streams', 'emmett')), target: TARGETS.appendNewStreamsOverEmmett, shown: 'x' },
    { key: 'append_new_streams_glint_over_bare_insert', label: '(a) glint / bare_insert', value: ratio(glintA, rate(results, 'append_new_streams', 'bare_insert')), target: TARGETS.appendNewStreamsOverBareInsert, shown: 'x' },
    {
      key: 'append_hot_streams_glint_over_emmett',
      label: '(b) glint / emmett',
      value: ratio(rate(results, 'append_hot_streams', 'glint'), rate(results, 'append_hot_streams', 'emmett')),
      target: TARGETS.appendHotStreamsOverEmmett,
      shown: 'x',
    },
    { key: 'read_all_events_per_second', label: '(c) read_all events/s', value: readAll, target: TARGETS.readAllEventsPerSecond, shown: 'events/s' },
    { key: 'catch_up_over_read_all', label: '(c) catch_up / read_all', value: ratio(rate(results, 'catch_up', 'glint'), readAll), target: TARGETS.catchUpOverReadAll, shown: 'x' },
    { key: 'bulk_import_events_per_second', label: '(d) bulk_import events/s', value: rate(results, 'bulk_import', 'glint'), target: TARGETS.bulkImportEventsPerSecond, shown: 'events/s' },
  ];
}

function renderCheck(check: Check): string {
  if (check.value === undefined) return `  ${check.label.padEnd(26)} not measured in this run`;
  const value = check.shown === 'x' ? `${check.value.toFixed(2)}x` : `${formatInt(check.value)} events/s`;
  const target = check.shown === 'x' ? `${check.target}x` : `${formatInt(check.target)} events/s`;
  const extra = check.shown === 'x' ? '' : ` (${(check.value / check.target).toFixed(2)}x of target)`;
  return `  ${check.label.padEnd(26)} ${value.padStart(18)}   target >= ${target.padEnd(16)} ${check.value >= check.target ? 'MET' : 'MISSED'}${extra}`;
}

/** The one-line JSON summary: events/s per workload and store, ratios, latencies, targets. */
export function summaryJson(results: PhaseResult[], config: BenchConfig, facts: RunFacts): string {
  const byWorkload: Record<string, Record<string, number>> = {};
  const latency: Record<string, Record<string, { p50: number; p99: number; unit: string }>> = {};
  for (const result of results) {
    (byWorkload[result.workload] ??= {})[result.store] = round(result.eventsPerSecond);
    (latency[result.workload] ??= {})[result.store] = { p50: round(result.latency.p50, 3), p99: round(result.latency.p99, 3), unit: result.latency.unit };
  }
  const [aEmmett, aBare, bEmmett, readAll, catchUp, bulk] = checks(results);
  const maybe = (value: number | undefined, digits = 3) => (value === undefined ? null : round(value, digits));
  const summary = {
    append_new_streams: byWorkload.append_new_streams ?? {},
    append_hot_streams: byWorkload.append_hot_streams ?? {},
    read_all: byWorkload.read_all ?? {},
    catch_up: byWorkload.catch_up ?? {},
    bulk_import: byWorkload.bulk_import ?? {},
    ratios: {
      append_new_streams_glint_over_emmett: maybe(aEmmett.value),
      append_new_streams_glint_over_bare_insert: maybe(aBare.value),
      append_hot_streams_glint_over_emmett: maybe(bEmmett.value),
      read_all_over_target: maybe(readAll.value === undefined ? undefined : readAll.value / readAll.target),
      catch_up_over_read_all: maybe(catchUp.value),
      bulk_import_over_target: maybe(bulk.value === undefined ? undefined : bulk.value / bulk.target),
    },
    targets_met: Object.fromEntries(
      [aEmmett, aBare, bEmmett, readAll, catchUp, bulk].map((check) => [check.key, check.value === undefined ? null : check.value >= check.target]),
    ),
    latency_ms: latency,
    events: Object.fromEntries(results.map((result) => [`${result.workload}.${result.store}`, result.events])),
    details: Object.fromEntries(
      results.map((result) => [
        `${result.workload}.${result.store}`,
        Object.fromEntries(Object.entries(result.details).map(([key, value]) => [key, typeof value === 'number' ? round(value, 3) : value])),
      ]),
    ),
    run: {
      scale: config.scale,
      concurrency: config.concurrency,
      seconds: round(facts.seconds),
      cores: facts.cores,
      node: facts.node,
      postgres: facts.postgres,
      load_at_start: round(facts.loadAtStart, 2),
      load_at_end: round(facts.loadAtEnd, 2),
    },
  };
  return JSON.stringify(summary);
}
