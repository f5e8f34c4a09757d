/** Latencies, results of one timed phase, and the table the benchmark prints. */

export type StoreName = 'glint' | 'emmett' | 'bare_insert';
export type WorkloadName = 'append_new_streams' | 'append_hot_streams' | 'read_all' | 'catch_up' | 'bulk_import';

export interface LatencySummary {
  /** What one measured call is (an append, a page of readAll, a batch of the subscription…). */
  unit: string;
  calls: number;
  p50: number;
  p99: number;
  max: number;
}

export interface PhaseResult {
  workload: WorkloadName;
  store: StoreName;
  events: number;
  seconds: number;
  eventsPerSecond: number;
  latency: LatencySummary;
  /** Workload-specific counts (retries, conflicts, latency of a whole operation with its retries…). */
  details: Record<string, number | string>;
}

/** Collects durations in milliseconds without allocating per sample. */
export class LatencyRecorder {
  private samples: Float64Array;
  private count = 0;

  constructor(expected = 1024) {
    this.samples = new Float64Array(Math.max(16, expected));
  }

  record(milliseconds: number): void {
    if (this.count === this.samples.length) {
      const grown = new Float64Array(this.samples.length * 2);
      grown.set(this.samples);
      this.samples = grown;
    }
    this.samples[this.count++] = milliseconds;
  }

  summary(unit: string): LatencySummary {
    const sorted = this.sorted();
    return { unit, calls: this.count, p50: percentile(sorted, 0.5), p99: percentile(sorted, 0.99), max: this.count ? sorted[this.count - 1] : 0 };
  }

  percentiles(): Percentiles {
    const sorted = this.sorted();
    return { count: this.count, p50: percentile(sorted, 0.5), p99: percentile(sorted, 0.99), p999: percentile(sorted, 0.999), max: percentile(sorted, 1) };
  }

  private sorted(): Float64Array {
    return this.samples.slice(0, this.count).sort();
  }
}

/** Latencies in milliseconds at full resolution (autocannon's own histogram rounds to whole ms). */
export interface Percentiles {
  count: number;
  p50: number;
  p99: number;
  p999: number;
  max: number;
}

/** Nearest-rank percentile of sorted samples. */
function percentile(sorted: Float64Array, fraction: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.ceil(fraction * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

export function phaseResult(
  workload: WorkloadName,
  store: StoreName,
  events: number,
  timing: { seconds: number; clientCpuSeconds: number; serverCpuSeconds: number },
  latency: LatencySummary,
  details: Record<string, number | string> = {},
): PhaseResult {
  const { seconds } = timing;
  return {
    workload,
    store,
    events,
    seconds,
    eventsPerSecond: seconds > 0 ? events / seconds : 0,
    latency,
    details: { ...details, client_cpu_s: timing.clientCpuSeconds, server_cpu_s: timing.serverCpuSeconds },
  };
}

export const round = (value: number, digits = 1): number => {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
};

export const formatInt = (value: number): string => Math.round(value).toLocaleString('en-US');

export function formatMs(value: number): string {
  if (value >= 100) return value.toFixed(0);
  if (value >= 10) return value.toFixed(1);
  return value.toFixed(2);
}

/** A plain-text table with right-aligned numbers and left-aligned text. */
export function renderTable(header: string[], rows: string[][], rightAligned: boolean[]): string {
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column].length)));
  const line = (cells: string[]) =>
    cells.map((cell, column) => (rightAligned[column] ? cell.padStart(widths[column]) : cell.padEnd(widths[column]))).join('  ').trimEnd();
  return [line(header), widths.map((width) => '-'.repeat(width)).join('  '), ...rows.map(line)].join('\n');
}
