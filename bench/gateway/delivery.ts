import { FRAME_NUMBER_OFFSET, SENT_AT_OFFSET, wallClockMs, type FrameWindow } from './stream-shape';

const BIN_MS = 0.01;
const BINS = 1_000_000;

/** Latencies in 10 µs bins up to 10 s (later ones in the last bin): constant cost per packet, and mergeable across processes. */
export class LatencyHistogram {
  private readonly bins = new Uint32Array(BINS);

  record(milliseconds: number): void {
    this.bins[Math.min(BINS - 1, Math.max(0, Math.floor(milliseconds / BIN_MS)))]++;
  }

  /** Non-empty bins as [bin, count] pairs, to send to the benchmark. */
  toPairs(): Array<[number, number]> {
    const pairs: Array<[number, number]> = [];
    for (let bin = 0; bin < BINS; bin++) if (this.bins[bin] > 0) pairs.push([bin, this.bins[bin]]);
    return pairs;
  }
}

export interface LatencyFigures {
  samples: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

/** Nearest-rank percentiles of the merged histograms of every receiving process, at the bins' upper edges. */
export function latencyFigures(histograms: Array<Array<[number, number]>>): LatencyFigures {
  const merged = new Map<number, number>();
  for (const pairs of histograms) for (const [bin, count] of pairs) merged.set(bin, (merged.get(bin) ?? 0) + count);
  const bins = [...merged.entries()].sort((a, b) => a[0] - b[0]);
  const samples = bins.reduce((sum, [, count]) => sum + count, 0);
  const at = (fraction: number): number => {
    if (samples === 0) return 0;
    const rank = Math.max(1, Math.ceil(fraction * samples));
    let seen = 0;
    for (const [bin, count] of bins) {
      seen += count;
      if (seen >= rank) return (bin + 1) * BIN_MS;
    }
    return bins[bins.length - 1][0] * BIN_MS;
  };
  return { samples, p50Ms: at(0.5), p99Ms: at(0.99), maxMs: at(1) };
}

/** What a load process's receivers got of the measured window's packets. */
export interface ReceivedWindow {
  receivers: number;
  received: number;
  /** The fewest packets one receiver got: a receiver left out shows here, not only in the total. */
  fewestByOneReceiver: number;
  histogram: Array<[number, number]>;
}

/**
 * Counts, per receiver, the packets of the measured frames and how long each took from the
 * publisher's send to here; packets of the warm-up and cool-down are left out.
 */
export class DeliveryCounter {
  private readonly perReceiver: Uint32Array;
  private readonly latency = new LatencyHistogram();
  private total = 0;

  constructor(
    receivers: number,
    private readonly window: FrameWindow,
  ) {
    this.perReceiver = new Uint32Array(receivers);
  }

  take(receiver: number, packet: Buffer): void {
    if (packet.length < SENT_AT_OFFSET + 8) return;
    const frame = packet.readUInt32BE(FRAME_NUMBER_OFFSET);
    if (frame < this.window.first || frame > this.window.last) return;
    this.latency.record(wallClockMs() - packet.readDoubleBE(SENT_AT_OFFSET));
    this.perReceiver[receiver]++;
    this.total++;
  }

  get received(): number {
    return this.total;
  }

  result(): ReceivedWindow {
    return { receivers: this.perReceiver.length, received: this.total, fewestByOneReceiver: Math.min(...this.perReceiver), histogram: this.latency.toPairs() };
  }
}
