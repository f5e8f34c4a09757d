import type { ProjectionEngine, ProjectionLogEntry } from '@glint/projection-engine';
import { ConflictError } from '@glint/domain-errors';
import { commandContext, systemActor } from '@glint/event-sourcing';
import { channelPage } from '@glint/projections/channel-page';
import { streams } from '@glint/projections/streams';
import { engineFor, record } from '@glint/testing/projections';
import { closeTestStore, openTestStore, type TestStore } from '@glint/testing/database';
import type { StreamEvent } from './events';
import { StreamRecorder } from './stream-recorder';

const chatSettings = { chatRules: '', blockLinks: false, requireConfirmedEmail: false, minimumAccountAgeHours: 0, showRecentChatOnly: false };
const media = { video: 'H264', audio: 'opus' } as const;
const context = () => commandContext(systemActor('recorder-spec'), { now: new Date(), correlationId: 'correlation-recorder-spec' });

describe('the stream recorder', () => {
  let opened: TestStore;
  let engine: ProjectionEngine;
  let errors: ProjectionLogEntry[];
  let recorder: StreamRecorder;
  let channels = 0;

  /** A new channel, on the channel page so the recorder can read its info. */
  async function channel(): Promise<string> {
    channels++;
    const channelId = `c0000000-0000-4000-8000-${String(channels).padStart(12, '0')}`;
    const position = await record(opened.store, `channel-${channelId}`, {
      type: 'ChannelCreated',
      data: { channelId, ownerId: channelId, username: `caster_${channels}`, title: 'Live Stream!', category: 'gaming', subcategory: null, tags: [], language: 'en', mature: false, chatSettings, streamKeyHash: 'x' },
    });
    await engine.catchUp('channel_page', position);
    return channelId;
  }

  async function beat(gatewayId: string, ageSeconds: number): Promise<void> {
    await opened.sql.query(
      `INSERT INTO gateway_heartbeats (gateway_id, base_url, started_at, beat_at) VALUES ($1, 'http://127.0.0.1:1', now(), now() - make_interval(secs => $2))
       ON CONFLICT (gateway_id) DO UPDATE SET beat_at = excluded.beat_at`,
      [gatewayId, ageSeconds],
    );
  }

  async function eventsOf(streamId: string): Promise<StreamEvent[]> {
    return (await opened.store.readStream(`stream-${streamId}`)).map((event) => ({ type: event.type, data: event.data }) as StreamEvent);
  }

  beforeAll(async () => {
    opened = await openTestStore();
    ({ engine, errors } = engineFor(opened, [channelPage, streams]));
    recorder = new StreamRecorder(opened.store, () => engine.entityManager(), { gatewayLostAfterMs: 10_000 });
    await beat('gw-beating', 0);
    await beat('gw-other', 0);
    await beat('gw-stale', 60);
  });
  afterAll(async () => {
    await engine?.stop();
    await closeTestStore(opened ?? {});
  });

  it('refuses a second start while the channel is live on a gateway that beats', async () => {
    const channelId = await channel();
    const first = await recorder.start({ channelId, gatewayId: 'gw-beating', media }, context());
    expect(first.streamId).toBe(`${channelId}-1`);
    const second = recorder.start({ channelId, gatewayId: 'gw-other', media }, context());
    await expect(second).rejects.toBeInstanceOf(ConflictError);
    await expect(second).rejects.toMatchObject({ code: 'already_live' });
    expect((await eventsOf(`${channelId}-1`)).map((event) => event.type)).toEqual(['StreamStarted']);
    expect(await eventsOf(`${channelId}-2`)).toEqual([]);
  });

  it('lets exactly one of two racing starts record a StreamStarted', async () => {
    const channelId = await channel();
    const outcomes = await Promise.allSettled([recorder.start({ channelId, gatewayId: 'gw-beating', media }, context()), recorder.start({ channelId, gatewayId: 'gw-other', media }, context())]);
    expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
    const refused = outcomes.find((outcome) => outcome.status === 'rejected') as PromiseRejectedResult;
    expect(refused.reason).toMatchObject({ code: 'already_live' });
    expect((await eventsOf(`${channelId}-1`)).map((event) => event.type)).toEqual(['StreamStarted']);
    expect(await eventsOf(`${channelId}-2`)).toEqual([]);
  });

  it('ends a stream left live on a gateway that stopped beating, and starts the next one after it', async () => {
    const channelId = await channel();
    await recorder.start({ channelId, gatewayId: 'gw-stale', media }, context());
    const next = await recorder.start({ channelId, gatewayId: 'gw-beating', media }, context());
    expect(next.streamId).toBe(`${channelId}-2`);
    expect(await eventsOf(`${channelId}-1`)).toEqual([expect.objectContaining({ type: 'StreamStarted' }), expect.objectContaining({ type: 'StreamEnded', data: expect.objectContaining({ reason: 'gateway_lost' }) })]);
    expect(await eventsOf(`${channelId}-2`)).toEqual([expect.objectContaining({ type: 'StreamStarted', data: expect.objectContaining({ sequence: 2, gatewayId: 'gw-beating' }) })]);
  });

  it('samples after the handle it was given, and answers an ended handle once someone else has ended the stream', async () => {
    const channelId = await channel();
    const started = await recorder.start({ channelId, gatewayId: 'gw-beating', media }, context());
    const sample = { current: 3, peak: 3, average: 1, totalViews: 3 };
    const sampled = await recorder.sample(started, { type: 'SampleViewerCount', sample, at: new Date() }, context());
    expect(sampled).toMatchObject({ streamId: started.streamId, revision: 1, state: { status: 'live', viewers: sample } });
    expect(await recorder.end(started.streamId, { reason: 'staff_shutdown', at: new Date(), endedBy: 'staff-member' }, context())).toBe(true);
    const afterTheEnd = await recorder.sample(sampled, { type: 'SampleViewerCount', sample, at: new Date() }, context());
    expect(afterTheEnd).toMatchObject({ revision: 2, state: { status: 'ended', reason: 'staff_shutdown' } });
    expect((await eventsOf(started.streamId)).map((event) => event.type)).toEqual(['StreamStarted', 'ViewerCountSampled', 'StreamEnded']);
    expect(errors).toEqual([]);
  });
});
