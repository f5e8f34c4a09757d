import type { HealthSample } from '@glint/streams';
import type { IngestCodecs } from './media/codecs';
import type { IngestCounters } from './media/broadcast';

type Totals = Pick<IngestCounters, 'packets' | 'bytes' | 'lost' | 'nacks' | 'keyframeRequests'>;

/**
 * Turns a broadcast's ever-growing counters into one period's health sample: the counts since the
 * previous sample, and the bitrate over the period.
 */
export class HealthSampler {
  private previous: Totals = { packets: 0, bytes: 0, lost: 0, nacks: 0, keyframeRequests: 0 };

  constructor(private readonly codecs: IngestCodecs) {}

  sample(counters: IngestCounters, periodSeconds: number): HealthSample {
    const { previous } = this;
    this.previous = { packets: counters.packets, bytes: counters.bytes, lost: counters.lost, nacks: counters.nacks, keyframeRequests: counters.keyframeRequests };
    const bytes = counters.bytes - previous.bytes;
    return {
      bitrateKbps: periodSeconds > 0 ? Math.round((bytes * 8) / 1000 / periodSeconds) : 0,
      packets: counters.packets - previous.packets,
      packetsLost: counters.lost - previous.lost,
      nacks: counters.nacks - previous.nacks,
      keyframeRequests: counters.keyframeRequests - previous.keyframeRequests,
      width: counters.resolution?.width ?? null,
      height: counters.resolution?.height ?? null,
      videoCodec: this.codecs.video?.codec ?? null,
      audioCodec: this.codecs.audio?.codec ?? null,
    };
  }
}
