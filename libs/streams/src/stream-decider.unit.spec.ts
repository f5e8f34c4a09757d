import { ConflictError, ForbiddenError } from '@glint/domain-errors';
import { decide, refusalOf } from '@glint/testing';
import { streamDecider, type StreamCommand } from './stream-decider';
import type { HealthSample, StreamEvent, StreamInfo, ViewerSample } from './events';

const CHANNEL = 'a0000000-0000-4000-8000-000000000001';
const STREAM = `${CHANNEL}-3`;
const STAFF = 'b0000000-0000-4000-8000-000000000002';
const STARTED_AT = new Date('2026-12-02T20:00:00.000Z');
const INFO: StreamInfo = { title: 'Speedrun night', category: 'gaming', subcategory: 'Celeste', tags: ['speedrun'], language: 'en', mature: false };
const MEDIA = { video: 'H264', audio: 'opus' } as const;
const HEALTH: HealthSample = { bitrateKbps: 3000, packets: 2700, packetsLost: 3, nacks: 2, keyframeRequests: 1, width: 1280, height: 720, videoCodec: 'H264', audioCodec: 'opus' };
const at = (minutes: number) => new Date(STARTED_AT.getTime() + minutes * 60_000);
const viewers = (current: number, peak: number, average: number, totalViews: number): ViewerSample => ({ current, peak, average, totalViews });

const start: StreamCommand = { type: 'StartStream', streamId: STREAM, channelId: CHANNEL, channelUsername: 'ana', sequence: 3, gatewayId: 'gw-1', info: INFO, media: MEDIA, owner: { globallyBanned: false, streamingSuspended: false }, at: STARTED_AT };
const started: StreamEvent = {
  type: 'StreamStarted',
  data: { streamId: STREAM, channelId: CHANNEL, channelUsername: 'ana', sequence: 3, gatewayId: 'gw-1', startedAt: STARTED_AT.toISOString(), ...INFO, media: MEDIA },
};
const change = (changes: Partial<StreamInfo>): StreamCommand => ({ type: 'ChangeStreamMetadata', changes });
const changed = (changes: Partial<StreamInfo>): StreamEvent => ({ type: 'StreamMetadataChanged', data: { streamId: STREAM, channelId: CHANNEL, changes } });
const sampleHealth: StreamCommand = { type: 'SampleStreamHealth', sample: HEALTH, periodSeconds: 10, at: at(1) };
const healthSampled: StreamEvent = { type: 'StreamHealthSampled', data: { ...HEALTH, streamId: STREAM, channelId: CHANNEL, sampledAt: at(1).toISOString(), periodSeconds: 10 } };
const sampleViewers = (sample: ViewerSample, minutes = 2): StreamCommand => ({ type: 'SampleViewerCount', sample, at: at(minutes) });
const viewersSampled = (sample: ViewerSample, minutes = 2): StreamEvent => ({ type: 'ViewerCountSampled', data: { ...sample, streamId: STREAM, channelId: CHANNEL, sampledAt: at(minutes).toISOString() } });
const end = (extra: Partial<Extract<StreamCommand, { type: 'EndStream' }>> = {}): StreamCommand => ({ type: 'EndStream', reason: 'publisher_left', at: at(90), ...extra });
const ended = (data: Partial<Extract<StreamEvent, { type: 'StreamEnded' }>['data']> = {}): StreamEvent => ({
  type: 'StreamEnded',
  data: {
    streamId: STREAM,
    channelId: CHANNEL,
    gatewayId: 'gw-1',
    reason: 'publisher_left',
    endedAt: at(90).toISOString(),
    durationSeconds: 5400,
    peakViewers: 0,
    averageViewers: 0,
    totalViews: 0,
    endedBy: null,
    ...data,
  },
});

describe('the stream decider', () => {
  it.each<[string, StreamEvent[], StreamCommand, StreamEvent[]]>([
    ['a start records the channel’s info and media as they were', [], start, [started]],
    ['a metadata change records only what differs', [started], change({ title: 'Any% attempts', category: 'gaming', tags: ['speedrun'] }), [changed({ title: 'Any% attempts' })]],
    ['a change of tags is a change', [started], change({ tags: ['speedrun', 'pb'] }), [changed({ tags: ['speedrun', 'pb'] })]],
    ['a metadata change already applied records nothing', [started, changed({ title: 'Any% attempts' })], change({ title: 'Any% attempts' }), []],
    ['a metadata change after the end records nothing', [started, ended()], change({ title: 'Too late' }), []],
    ['a metadata change before the start records nothing', [], change({ title: 'Too early' }), []],
    ['a health sample while live records it', [started], sampleHealth, [healthSampled]],
    ['a health sample after the end records nothing', [started, ended()], sampleHealth, []],
    ['a viewer sample while live records it', [started], sampleViewers(viewers(4, 6, 3.5, 9)), [viewersSampled(viewers(4, 6, 3.5, 9))]],
    ['a viewer sample never lowers the peak', [started, viewersSampled(viewers(8, 8, 5, 10), 1)], sampleViewers(viewers(2, 3, 4, 11)), [viewersSampled(viewers(2, 8, 4, 11))]],
    ['a viewer sample counts its current viewers in the peak', [started], sampleViewers(viewers(7, 5, 3, 9)), [viewersSampled(viewers(7, 7, 3, 9))]],
    ['a viewer sample after the end records nothing', [started, ended()], sampleViewers(viewers(1, 1, 1, 1)), []],
    ['an end records the duration and the last sample’s totals', [started, viewersSampled(viewers(4, 6, 3.5, 9))], end(), [ended({ peakViewers: 6, averageViewers: 3.5, totalViews: 9 })]],
    [
      'an end with the gateway’s final count takes it, never lowering peak or total views',
      [started, viewersSampled(viewers(4, 6, 3.5, 9))],
      end({ finalViewers: viewers(5, 5, 3.8, 8) }),
      [ended({ peakViewers: 6, averageViewers: 3.8, totalViews: 9 })],
    ],
    ['a staff shutdown names who did it, and why', [started], end({ reason: 'staff_shutdown', endedBy: STAFF, note: 'Restreams a film' }), [ended({ reason: 'staff_shutdown', endedBy: STAFF, note: 'Restreams a film' })]],
    ['an end dated before the start lasts no time', [started], end({ at: at(-1) }), [ended({ endedAt: at(-1).toISOString(), durationSeconds: 0 })]],
    ['a second end records nothing', [started, ended()], end({ reason: 'gateway_lost' }), []],
    ['an end by the owner’s global ban says so', [started], end({ reason: 'globally_banned' }), [ended({ reason: 'globally_banned' })]],
    ['an end by the owner’s streaming suspension says so', [started], end({ reason: 'streaming_suspended' }), [ended({ reason: 'streaming_suspended' })]],
    ['a sanction’s end after the publisher left records nothing', [started, ended()], end({ reason: 'streaming_suspended' }), []],
  ])('%s', (_, given, when, then) => {
    expect(decide(streamDecider, given, when)).toEqual(then);
  });

  it('refuses a second start of the same stream, live or ended', () => {
    for (const given of [[started], [started, ended()]]) {
      const refusal = refusalOf(() => decide(streamDecider, given, start));
      expect(refusal).toBeInstanceOf(ConflictError);
      expect(refusal).toMatchObject({ code: 'already_started' });
    }
  });

  it.each([
    ['a streaming-suspended owner', { globallyBanned: false, streamingSuspended: true }, 'streaming_suspended'],
    ['a globally banned owner', { globallyBanned: true, streamingSuspended: false }, 'globally_banned'],
    ['an owner both banned and suspended, naming the ban', { globallyBanned: true, streamingSuspended: true }, 'globally_banned'],
  ])('refuses to start the stream of %s', (_, owner, code) => {
    const refusal = refusalOf(() => decide(streamDecider, [], { ...start, owner } as StreamCommand));
    expect(refusal).toBeInstanceOf(ForbiddenError);
    expect(refusal).toMatchObject({ code });
  });

  it('refuses ending a stream that never started', () => {
    const refusal = refusalOf(() => decide(streamDecider, [], end()));
    expect(refusal).toBeInstanceOf(ConflictError);
    expect(refusal).toMatchObject({ code: 'not_live' });
  });
});
