import { expectStatus, until, type ApiResponse } from '@glint/testing';
import { randomBytes } from 'node:crypto';
import type Redis from 'ioredis';
import type { EventStore, RecordedEvent } from '@glint/eventstore';
import { type GatewaySettings, type PlatformConfig, EVENT_STORE, GATEWAY_SETTINGS, PLATFORM_CONFIG, REDIS } from '@glint/runtime';
import { Throttles } from '@glint/throttles';
import { streamIdOf, streamStreamName, type StreamHealthSampled, type StreamMetadataChanged } from '@glint/streams';
import { holdNativePeers } from '@glint/gateway/media';
import { DEFAULT_ENCODER_PACE, GatewayScenario, PacedEncoder, type Channel, type Session, type SyntheticPublisher } from '@glint/testing/gateway';

import { Given, startPlatformUnderTest, type PlatformUnderTest } from '@glint/testing/platform';

/** Short enough for a test, long enough for a loaded machine's encoder to connect and send its first frame. */
const FIRST_MEDIA_DEADLINE_MS = 2_500;
const SAMPLE_INTERVAL_MS = 1_000;

/** A constrained-baseline SPS as an encoder sends it for a 640x360 picture. */
const SPS_640X360 = Buffer.from('67 42 c0 1e d9 00 a0 2f f9 70 11 00 00 03 00 01 00 00 03 00 3c 8f 16 2e 48'.replace(/ /g, ''), 'hex');

/** PacedEncoder's rate: each tick, one video frame and one 160-byte Opus packet. */
const { packetsPerFrame, packetBytes, tickMs } = DEFAULT_ENCODER_PACE;
const SENT_PACKETS_PER_SECOND = ((packetsPerFrame + 1) * 1000) / tickMs;
const SENT_KBPS = ((packetsPerFrame * packetBytes + 160) * 8 * (1000 / tickMs)) / 1000;

const isSample = (event: RecordedEvent) => event.type.endsWith('Sampled');

describe('what the gateway promises: its rate limit, the first-media deadline, health samples and metadata while live', () => {
  // The test's own peers hold node-datachannel's native side until they are closed.
  const releaseNativePeers = holdNativePeers();
  let platform: PlatformUnderTest;
  let scenario: GatewayScenario;
  /** What a test leaves live, ended after it as an encoder ends it: encoder stopped, DELETE, peer closed. */
  const publishing: Array<{ session: Session<SyntheticPublisher>; encoder: PacedEncoder | null }> = [];

  beforeAll(async () => {
    platform = await startPlatformUnderTest({
      env: { GATEWAY_FIRST_MEDIA_DEADLINE_MS: String(FIRST_MEDIA_DEADLINE_MS), GATEWAY_SAMPLE_INTERVAL_MS: String(SAMPLE_INTERVAL_MS) },
    });
    scenario = new GatewayScenario(platform, new Given(platform));
  });

  afterEach(async () => {
    // A test that filled the rate-limit window must not refuse the ending below.
    await forgetRateWindows();
    for (const { session, encoder } of publishing.splice(0)) {
      encoder?.stop();
      const ended = await scenario.api.request('DELETE', session.location);
      if (ended.status !== 200 && ended.status !== 404) throw new Error(`Ending ${session.location} answered ${ended.status}: ${JSON.stringify(ended.body)}`);
      session.peer.close();
    }
  });

  afterAll(async () => {
    await platform?.close();
    await releaseNativePeers();
  });

  const store = () => platform.app.get<EventStore>(EVENT_STORE, { strict: false });
  const streamNameOf = (channel: Channel, sequence = 1) => streamStreamName(streamIdOf(channel.channelId, sequence));

  /**
   * The limiter's counts of this platform's gateway, whatever address they are kept under. The key
   * names the gateway's id, which is this platform's own, so no other test file shares them; they
   * are deleted anyway, so a full window never outlives the test that filled it.
   */
  async function forgetRateWindows(): Promise<void> {
    const redis = platform.app.get<Redis>(REDIS, { strict: false });
    const { id } = platform.app.get<GatewaySettings>(GATEWAY_SETTINGS, { strict: false });
    const keys = await redis.keys(platform.app.get(Throttles, { strict: false }).gatewayRequests.keyOf(`${id}:*`));
    if (keys.length > 0) await redis.del(...keys);
  }

  /** Publishes, sends as a live encoder does until the test ends, and waits for the stream to start. */
  async function live(channel: Channel, beforeStarting: (publisher: SyntheticPublisher, encoder: PacedEncoder) => void = () => undefined): Promise<Session<SyntheticPublisher>> {
    const session = await scenario.publish(channel);
    const encoder = new PacedEncoder(session.peer);
    publishing.push({ session, encoder });
    beforeStarting(session.peer, encoder);
    encoder.start();
    await scenario.started(channel);
    return session;
  }

  async function eventsOn(streamName: string, type: string, count: number): Promise<RecordedEvent[]> {
    return until(
      `${count} ${type} on ${streamName}`,
      async () => {
        const found = (await store().readStream(streamName)).filter((event) => event.type === type);
        return found.length >= count && found.slice(0, count);
      },
      { timeoutMs: 10_000 },
    );
  }

  function expectProblem(response: ApiResponse, status: number, error: string): void {
    expect({ status: response.status, error: response.body?.error }).toEqual({ status, error });
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  }

  const unknownSession = (channel: Channel) => `/whip/${channel.username}/sessions/${randomBytes(32).toString('base64url')}`;

  it('answers 429 rate_limited with Retry-After past its limit of WHIP/WHEP writes from one address, and a refused DELETE ends nothing', async () => {
    const rule = platform.app.get<PlatformConfig>(PLATFORM_CONFIG, { strict: false }).throttles.gatewayRequests;
    const channel = await scenario.channel('Counted requests');
    const session = await live(channel);
    await forgetRateWindows();

    // Writes that reach the gateway and change nothing: each counts in the window.
    for (let count = 0; count < rule.limit; count++) {
      expectProblem(await scenario.api.request('DELETE', unknownSession(channel)), 404, 'session_not_found');
    }
    const head = await scenario.headPosition();

    const refused = await scenario.api.request('DELETE', unknownSession(channel));
    expectProblem(refused, 429, 'rate_limited');
    const retryAfter = refused.headers.get('retry-after') ?? '';
    expect(retryAfter).toMatch(/^\d+$/);
    expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
    expect(Number(retryAfter)).toBeLessThanOrEqual(rule.perSeconds);
    // The publisher's own DELETE, which would end the stream, is refused the same way.
    expectProblem(await scenario.api.request('DELETE', session.location), 429, 'rate_limited');
    expectProblem(await scenario.sendSdp(`/whep/${channel.username}`, 'v=0\r\n'), 429, 'rate_limited');
    expect(await scenario.recordedSince(head, isSample)).toEqual([]);

    // Once the window is gone the same DELETE is served: the session was held throughout.
    await forgetRateWindows();
    expectStatus(await scenario.api.request('DELETE', session.location), 200, 'ending the publisher’s session');
    const [ended] = await eventsOn(streamNameOf(channel), 'StreamEnded', 1);
    expect(ended.data).toMatchObject({ reason: 'publisher_left' });
  });

  it('lets go of a publisher that connects and never sends media once the first-media deadline passes, recording nothing', async () => {
    const channel = await scenario.channel('Connected, never sent');
    const head = await scenario.headPosition();
    const session = await scenario.publish(channel);
    publishing.push({ session, encoder: null });
    const connectedAt = Date.now();

    // A PATCH naming no ETag asks whether the gateway still holds the session (428) or not (404),
    // and changes nothing; asked every 250 ms, well under the rate limit.
    const held = async () => (await scenario.api.request('PATCH', session.location, { headers: { 'content-type': 'application/trickle-ice-sdpfrag' }, rawBody: 'a=end-of-candidates\r\n' })).status;
    expect(await held()).toBe(428);
    await until('the gateway to let go of the silent publisher', async () => (await held()) === 404, { intervalMs: 250, timeoutMs: FIRST_MEDIA_DEADLINE_MS + 5_000 });
    // The gateway opened the session before its answer reached the encoder, and checks twice a second.
    expect(Date.now() - connectedAt).toBeGreaterThanOrEqual(FIRST_MEDIA_DEADLINE_MS - 1_000);

    expectProblem(await scenario.api.request('DELETE', session.location), 404, 'session_not_found');
    expect(await store().readStream(streamNameOf(channel))).toEqual([]);
    expect(await scenario.recordedSince(head, (event) => !event.streamName.includes(channel.channelId))).toEqual([]);
    expectProblem(await scenario.sendSdp(`/whep/${channel.username}`, 'v=0\r\n'), 404, 'not_live');
    const listing = expectStatus(await scenario.api.get('/api/streams/live?limit=100'), 200, 'reading the live listing');
    expect(listing.body.items.map((stream: { channel: string }) => stream.channel)).not.toContain(channel.username);
  });

  it('records StreamHealthSampled with the figures of what the publisher sends: packets, bitrate, the SPS’s size, H.264, no loss', async () => {
    const channel = await scenario.channel('Measured');
    await live(channel, (publisher, encoder) => {
      // The first frame (a key frame), then the SPS an encoder sends with it.
      encoder.tick();
      publisher.sendVideoNalUnit(SPS_640X360);
    });

    const samples = (await eventsOn(streamNameOf(channel), 'StreamHealthSampled', 2)) as unknown as Array<RecordedEvent & StreamHealthSampled>;
    for (const { data } of samples) {
      expect(data).toMatchObject({ channelId: channel.channelId, streamId: streamIdOf(channel.channelId, 1), width: 640, height: 360, videoCodec: 'H264', audioCodec: 'opus', packetsLost: 0 });
      expect(data.periodSeconds).toBeGreaterThanOrEqual(1);
      expect(data.packets).toBeGreaterThan(0);
      expect(data.packets / data.periodSeconds).toBeGreaterThan(SENT_PACKETS_PER_SECOND / 3);
      expect(data.packets / data.periodSeconds).toBeLessThan(SENT_PACKETS_PER_SECOND * 3);
      expect(data.bitrateKbps).toBeGreaterThan(SENT_KBPS / 2);
      expect(data.bitrateKbps).toBeLessThan(SENT_KBPS * 2);
    }
  });

  it('records StreamMetadataChanged on the live stream when its streamer changes the channel, and the listing shows the new title', async () => {
    const channel = await scenario.channel('Before the change');
    await live(channel);
    const titleListed = async (title: string) => {
      const listing = expectStatus(await scenario.api.get('/api/streams/live?limit=100'), 200, 'reading the live listing');
      return listing.body.items.some((stream: { channel: string; title: string }) => stream.channel === channel.username && stream.title === title);
    };
    await until('the stream listed under its first title', () => titleListed('Before the change'), { timeoutMs: 10_000 });

    const changes = { title: 'After the change', category: 'art', tags: ['painting', 'oils'] };
    expectStatus(await scenario.api.patch(`/api/channels/${channel.username}`, changes, channel.owner.token), 200, 'changing the channel');

    const [changed] = (await eventsOn(streamNameOf(channel), 'StreamMetadataChanged', 1)) as unknown as Array<RecordedEvent & StreamMetadataChanged>;
    expect(changed.data).toMatchObject({ streamId: streamIdOf(channel.channelId, 1), channelId: channel.channelId, changes });
    // The worker that reconciles live streams with their channels records it, not the gateway.
    expect(changed.metadata.actor).toEqual({ type: 'system', id: 'gateway-lost-sweeper' });
    await until('the listing to show the new title', () => titleListed('After the change'), { timeoutMs: 10_000 });
  });
});
