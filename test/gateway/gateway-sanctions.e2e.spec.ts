import { expectStatus, recordsNothing, until } from '@glint/testing';
import type { EventStore, RecordedEvent } from '@glint/eventstore';
import { GatewaySessions } from '@glint/gateway';
import { userStreamName } from '@glint/identity';
import { EVENT_STORE } from '@glint/runtime';
import type { StreamEnded } from '@glint/streams';
import { GatewayScenario, PacedEncoder, type Channel, type Session, type SyntheticPublisher } from '@glint/testing/gateway';
import { Given, startPlatformUnderTest, type GivenUser, type PlatformUnderTest } from '@glint/testing/platform';

/** Staff sanctions reach the gateway: a sanctioned owner cannot publish, and a live one is taken off the air. */
describe('sanctions at the gateway', () => {
  let platform: PlatformUnderTest;
  let scenario: GatewayScenario;
  let staff: GivenUser;
  const peers: Array<{ close(): void }> = [];

  beforeAll(async () => {
    platform = await startPlatformUnderTest();
    const given = new Given(platform);
    scenario = new GatewayScenario(platform, given);
    staff = await given.user({ staffRole: 'support' });
  }, 60_000);

  afterEach(() => {
    for (const peer of peers.splice(0)) peer.close();
  });

  afterAll(() => platform?.close());

  const store = () => platform.app.get<EventStore>(EVENT_STORE, { strict: false });
  const gateway = () => platform.app.get(GatewaySessions, { strict: false });

  async function sanction(channel: Channel, path: 'global-ban' | 'streaming-suspension', method: 'POST' | 'DELETE' = 'POST'): Promise<void> {
    const body = method === 'POST' ? { reason: 'Broadcasts someone else’s film' } : undefined;
    expectStatus(await scenario.api.request(method, `/api/staff/users/${channel.owner.userId}/${path}`, { body, token: staff.token }), 204, `${method} ${path}`);
  }

  async function live(channel: Channel): Promise<{ publisher: Session<SyntheticPublisher>; stop: () => void }> {
    const publisher = await scenario.publish(channel);
    peers.push(publisher.peer);
    const encoder = new PacedEncoder(publisher.peer, { packetsPerFrame: 3, packetBytes: 900, keyframeEvery: 30 });
    encoder.start();
    await scenario.started(channel);
    return { publisher, stop: () => encoder.stop() };
  }

  async function ended(channel: Channel): Promise<StreamEnded['data']> {
    const streamName = `stream-${channel.channelId}-1`;
    const end = await until(`StreamEnded on ${streamName}`, async () => (await store().readStream(streamName)).find((event) => event.type === 'StreamEnded'), { timeoutMs: 5_000 });
    return end.data as StreamEnded['data'];
  }

  async function lastOfType(channel: Channel, type: string): Promise<RecordedEvent> {
    const events = await store().readStream(userStreamName(channel.owner.userId));
    const found = events.filter((event) => event.type === type).pop();
    if (!found) throw new Error(`no ${type} on the owner's stream`);
    return found;
  }

  it.each([
    ['a streaming-suspended', 'streaming-suspension', 'streaming_suspended'],
    ['a globally banned', 'global-ban', 'globally_banned'],
  ] as const)('refuses %s owner’s stream key with 403 and records nothing', async (_, path, code) => {
    const channel = await scenario.channel(`Refused: ${code}`);
    await sanction(channel, path);
    await recordsNothing(store(), async () => {
      const refused = await scenario.sendSdp(`/whip/${channel.username}`, 'v=0\r\n', { streamKey: channel.streamKey });
      expect(refused.status).toBe(403);
      expect(refused.body).toMatchObject({ error: code, status: 403 });
      expect(refused.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    });
    expect(gateway().status().publishers).toBe(0);
  });

  it('still answers a wrong key with 401 for a sanctioned owner, telling a stranger nothing of the sanction', async () => {
    const channel = await scenario.channel('Wrong key, suspended owner');
    await sanction(channel, 'streaming-suspension');
    const refused = await scenario.sendSdp(`/whip/${channel.username}`, 'v=0\r\n', { streamKey: `${channel.channelId}-${'x'.repeat(64)}` });
    expect(refused.status).toBe(401);
    expect(refused.body).toMatchObject({ error: 'invalid_stream_key' });
  });

  it('lets a reinstated streamer publish again', async () => {
    const channel = await scenario.channel('Reinstated');
    await sanction(channel, 'streaming-suspension');
    await sanction(channel, 'streaming-suspension', 'DELETE');
    const { publisher, stop } = await live(channel);
    stop();
    await scenario.leave(publisher);
    expect((await ended(channel)).reason).toBe('publisher_left');
  });

  it.each([
    ['a streaming suspension', 'streaming-suspension', 'streaming_suspended', 'StreamingSuspended'],
    ['a global ban', 'global-ban', 'globally_banned', 'UserGloballyBanned'],
  ] as const)('ends a live stream within 2 s of %s, closing its publisher and viewers', async (_, path, reason, sanctionType) => {
    const channel = await scenario.channel(`Ended by ${reason}`);
    const { publisher, stop } = await live(channel);
    try {
      const viewer = await scenario.watch(channel);
      peers.push(viewer.peer);
      await scenario.viewersConnected(1);

      await sanction(channel, path);
      const end = await ended(channel);
      const sanctionedAt = Date.parse((await lastOfType(channel, sanctionType)).metadata.occurredAt);
      expect(end).toMatchObject({ reason, channelId: channel.channelId, endedBy: null, totalViews: 1 });
      expect(Date.parse(end.endedAt) - sanctionedAt).toBeLessThan(2_000);

      await until('the gateway lets go of the channel', () => gateway().status().publishers === 0 && gateway().status().viewers === 0);
      expect((await scenario.api.request('DELETE', publisher.location)).status).toBe(404);
      expect((await scenario.api.request('DELETE', viewer.location)).status).toBe(404);
    } finally {
      stop();
    }
  });
});
