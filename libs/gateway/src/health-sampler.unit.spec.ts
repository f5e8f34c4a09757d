import type { HealthSample } from '@glint/streams';
import { HealthSampler } from './health-sampler';
import type { IngestCounters } from './media/broadcast';
import type { IngestCodecs } from './media/codecs';

const H264: IngestCodecs['video'] = { codec: 'H264', mid: '1', payloadType: 96, fmtp: 'packetization-mode=1;profile-level-id=42e01f', ssrcs: [2] };
const VP8: IngestCodecs['video'] = { codec: 'VP8', mid: '1', payloadType: 96, fmtp: '', ssrcs: [2] };
const OPUS: IngestCodecs['audio'] = { codec: 'opus', mid: '0', payloadType: 111, fmtp: 'minptime=10;useinbandfec=1', ssrcs: [1] };
const H264_WITH_OPUS: IngestCodecs = { video: H264, audio: OPUS };
const counters = (totals: Partial<IngestCounters> = {}): IngestCounters => ({ packets: 0, bytes: 0, lost: 0, nacks: 0, retransmitted: 0, keyframeRequests: 0, resolution: null, ...totals });

describe('the health sampler', () => {
  it('samples the first period as everything counted since the start', () => {
    const sampler = new HealthSampler(H264_WITH_OPUS);
    expect(sampler.sample(counters({ packets: 2700, bytes: 3_750_000, lost: 3, nacks: 2, keyframeRequests: 1, resolution: { width: 1280, height: 720 } }), 10)).toEqual<HealthSample>({
      bitrateKbps: 3000,
      packets: 2700,
      packetsLost: 3,
      nacks: 2,
      keyframeRequests: 1,
      width: 1280,
      height: 720,
      videoCodec: 'H264',
      audioCodec: 'opus',
    });
  });

  it('samples each later period as the growth since the previous sample', () => {
    const sampler = new HealthSampler(H264_WITH_OPUS);
    sampler.sample(counters({ packets: 2700, bytes: 3_750_000, lost: 3, nacks: 2, keyframeRequests: 1 }), 10);
    expect(sampler.sample(counters({ packets: 5000, bytes: 6_250_000, lost: 3, nacks: 7, keyframeRequests: 3, resolution: { width: 1920, height: 1080 } }), 10)).toEqual<HealthSample>({
      bitrateKbps: 2000,
      packets: 2300,
      packetsLost: 0,
      nacks: 5,
      keyframeRequests: 2,
      width: 1920,
      height: 1080,
      videoCodec: 'H264',
      audioCodec: 'opus',
    });
  });

  it.each<[string, number, number, number]>([
    ['bitrate is kilobits per second over the period', 1_250_000, 5, 2000],
    ['bitrate rounds to the nearest kilobit', 1_000_600, 8, 1001],
    ['a period of no length has no bitrate', 1_000_000, 0, 0],
    ['a silent period has no bitrate', 0, 10, 0],
  ])('%s', (_, bytes, periodSeconds, bitrateKbps) => {
    expect(new HealthSampler(H264_WITH_OPUS).sample(counters({ bytes }), periodSeconds).bitrateKbps).toBe(bitrateKbps);
  });

  it('samples a period with nothing received as zeros, keeping the last resolution the broadcast knows', () => {
    const sampler = new HealthSampler(H264_WITH_OPUS);
    const totals = counters({ packets: 900, bytes: 1_000_000, lost: 1, nacks: 1, keyframeRequests: 1, resolution: { width: 640, height: 360 } });
    sampler.sample(totals, 10);
    expect(sampler.sample(totals, 10)).toMatchObject({ bitrateKbps: 0, packets: 0, packetsLost: 0, nacks: 0, keyframeRequests: 0, width: 640, height: 360 });
  });

  it.each<[string, IngestCodecs, Pick<HealthSample, 'videoCodec' | 'audioCodec' | 'width' | 'height'>]>([
    ['an audio-only broadcast has no video codec and no size', { video: null, audio: OPUS }, { videoCodec: null, audioCodec: 'opus', width: null, height: null }],
    ['a video-only VP8 broadcast has no audio codec', { video: VP8, audio: null }, { videoCodec: 'VP8', audioCodec: null, width: null, height: null }],
  ])('%s', (_, codecs, expected) => {
    expect(new HealthSampler(codecs).sample(counters(), 10)).toMatchObject(expected);
  });
});
