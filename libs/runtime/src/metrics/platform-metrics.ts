import { Counter, Gauge, Histogram, Registry } from 'prom-client';

/** One series of a gauge read at scrape time: its labels and its value. */
export interface GaugeReading<Label extends string> {
  labels: Record<Label, string>;
  value: number;
}

/** Seconds, from a quick read to a slow report: where a route's latency falls. */
const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * The process's metrics in Prometheus' format (`prom-client`), served at /metrics. A registry per
 * process rather than the library's global one, so every platform a test starts counts its own.
 * Counters are bumped where things happen; gauges of what the process holds (projection lag,
 * gateway viewers) are read when scraped.
 */
export class PlatformMetrics {
  readonly registry = new Registry();

  readonly httpRequestSeconds = new Histogram({
    name: 'glint_http_request_duration_seconds',
    help: 'HTTP requests by method, route pattern and status code, and how long they took.',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });

  readonly appends = new Counter({
    name: 'glint_event_store_appends_total',
    help: 'Appends to the event store, by outcome: appended, or failed (a lost race on a stream revision among them).',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });

  readonly eventsAppended = new Counter({
    name: 'glint_event_store_events_appended_total',
    help: 'Events appended to the log.',
    registers: [this.registry],
  });

  readonly appendSeconds = new Histogram({
    name: 'glint_event_store_append_duration_seconds',
    help: 'How long an append to the event store took, group commit included.',
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });

  readonly throttledRequests = new Counter({
    name: 'glint_throttled_requests_total',
    help: 'Requests refused by a throttle (429 rate_limited), by throttle.',
    labelNames: ['throttle'] as const,
    registers: [this.registry],
  });

  /** Times an async step and counts it under `histogram`, whether it succeeds or not. */
  async timed<T>(histogram: Histogram, step: () => Promise<T>): Promise<T> {
    const stop = histogram.startTimer();
    try {
      return await step();
    } finally {
      stop();
    }
  }

  /** A gauge whose series are read from the process when scraped; series no longer read disappear. */
  gauge<Label extends string>(definition: { name: string; help: string; labelNames: readonly Label[]; read: () => Promise<Array<GaugeReading<Label>>> | Array<GaugeReading<Label>> }): void {
    const { read } = definition;
    new Gauge<Label>({
      name: definition.name,
      help: definition.help,
      labelNames: definition.labelNames,
      registers: [this.registry],
      async collect() {
        const readings = await read();
        this.reset();
        for (const { labels, value } of readings) this.set(labels as Partial<Record<Label, string>>, value);
      },
    });
  }

  /** The exposition: what a Prometheus scrape reads. */
  exposition(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}
