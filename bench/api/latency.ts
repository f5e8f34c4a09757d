/** Latencies in milliseconds, kept at full resolution (autocannon's own histogram rounds to whole ms). */
export interface Percentiles {
  count: number;
  p50: number;
  p99: number;
  p999: number;
  max: number;
}

export class LatencySamples {
  private samples = new Float64Array(4096);
  private count = 0;

  record(milliseconds: number): void {
    if (this.count === this.samples.length) {
      const grown = new Float64Array(this.samples.length * 2);
      grown.set(this.samples);
      this.samples = grown;
    }
    this.samples[this.count++] = milliseconds;
  }

  percentiles(): Percentiles {
    const sorted = this.samples.slice(0, this.count).sort();
    const at = (fraction: number) => (sorted.length === 0 ? 0 : sorted[Math.min(sorted.length, Math.max(1, Math.ceil(fraction * sorted.length))) - 1]);
    return { count: this.count, p50: at(0.5), p99: at(0.99), p999: at(0.999), max: at(1) };
  }
}
