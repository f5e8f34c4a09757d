import { LatencyHistogram } from '@glint/testing/gateway';
import { FRAME_NUMBER_OFFSET, SENT_AT_OFFSET, wallClockMs, type FrameWindow } from './stream-shape';

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
