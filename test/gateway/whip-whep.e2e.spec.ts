import { expectStatus, until } from '@glint/testing';
import type { EventStore } from '@glint/eventstore';
import { EVENT_STORE } from '@glint/runtime';
import type { StreamEnded, StreamStarted } from '@glint/streams';
import { GatewayScenario, PacedEncoder, SyntheticViewer, VIDEO_SSRC, type Channel, type Session, type SyntheticPublisher } from '@glint/testing/gateway';

import { Given, startPlatformUnderTest, type PlatformUnderTest } from '@glint/testing/platform';

/** The gateway's core flow over real HTTP: publish with a stream key, watch, and every way a stream ends. */
describe('WHIP ingest and WHEP playback', () => {
  let platform: PlatformUnderTest;
  let scenario: GatewayScenario;
  const peers: Array<{ close(): void }> = [];

  beforeAll(async () => {
    platform = await startPlatformUnderTest({ env: { GATEWAY_PUBLISHER_SILENCE_MS: '1500' } });
    scenario = new GatewayScenario(platform, new Given(platform));
  }, 60_000);

  afterEach(() => {
    for (const peer of peers.splice(0)) peer.close();
  });

  // Closing the platform lets go of libdatachannel (cleanup()) once the last holder in the process has.
  afterAll(() => platform?.close());

  const store = () => platform.app.get<EventStore>(EVENT_STORE, { strict: false });

  async function live(channel: Channel): Promise<Session<SyntheticPublisher>> {
    const publisher = await scenario.publish(channel);
    peers.push(publisher.peer);
    publisher.peer.sendVideoFrame({ keyframe: true, packets: 3, size: 900 });
    await scenario.started(channel);
    return publisher;
  }

  /** Frames from the publisher until `done`, so the stream is never silent while a test watches it. */
  function keepSending(publisher: SyntheticPublisher): () => void {
    const encoder = new PacedEncoder(publisher, { packetsPerFrame: 3, packetBytes: 900, keyframeEvery: 30 });
    encoder.start();
    return () => encoder.stop();
  }

  async function ended(channel: Channel): Promise<StreamEnded['data']> {
    const streamName = `stream-${channel.channelId}-1`;
    const end = await until(`StreamEnded on ${streamName}`, async () => (await store().readStream(streamName)).find((event) => event.type === 'StreamEnded'));
    return end.data as StreamEnded['data'];
  }

  it('publishes with the stream key and delivers every video packet in order to three viewers, each with its own SSRC', async () => {
    const channel = await scenario.channel('Three viewers at once');
    const publisher = await live(channel);
    // Audio alone keeps the stream from falling silent while the viewers join, and leaves their video empty until the burst's key frame.
    const audio = setInterval(() => publisher.peer.sendAudioPacket(), 20);
    const viewers: Array<Session<SyntheticViewer>> = [];
    try {
      for (let count = 0; count < 3; count++) viewers.push(await scenario.watch(channel));
      await scenario.viewersConnected(3);
    } finally {
      clearInterval(audio);
      peers.push(...viewers.map((viewer) => viewer.peer));
    }
    expect(publisher.location).toMatch(new RegExp(`^/whip/${channel.username}/sessions/[A-Za-z0-9_-]{43}$`));
    expect(viewers[0].location).toMatch(new RegExp(`^/whep/${channel.username}/sessions/[A-Za-z0-9_-]{43}$`));

    const encoder = new PacedEncoder(publisher.peer, { packetsPerFrame: 4, packetBytes: 1000, tickMs: 5, keyframeEvery: 30 });
    await encoder.send(60);
    const sent = encoder.sentVideo.length;
    await until('every video packet at every viewer', () => viewers.every(({ peer }) => peer.videoPackets().length >= sent), { timeoutMs: 10_000 });

    const ssrcs = new Set<number>();
    for (const { peer } of viewers) {
      const video = peer.videoPackets();
      expect(video).toHaveLength(sent);
      expect(video[0].firstByte).toBe(0x65);
      expect(new Set(video.map((packet) => packet.ssrc))).toEqual(new Set([video[0].ssrc]));
      expect(video[0].ssrc).not.toBe(VIDEO_SSRC);
      ssrcs.add(video[0].ssrc);
      for (let index = 1; index < video.length; index++) expect(video[index].sequence).toBe((video[index - 1].sequence + 1) & 0xffff);
    }
    expect(ssrcs.size).toBe(3);

    const [started] = await store().readStream(`stream-${channel.channelId}-1`, { maxCount: 1 });
    expect(started.type).toBe('StreamStarted');
    expect(started.metadata.actor).toEqual({ type: 'gateway', id: expect.any(String) });
    expect((started as unknown as StreamStarted).data).toMatchObject({ channelId: channel.channelId, channelUsername: channel.username, title: 'Three viewers at once', tags: ['speedrun'], media: { video: 'H264', audio: 'opus' } });
    expect(started.data).toHaveProperty('category');

    await scenario.leave(publisher);
    expect(await ended(channel)).toMatchObject({ reason: 'publisher_left', totalViews: 3, peakViewers: 3 });
  });

  it('ends a stream whose publisher falls silent as publisher_silent, within the configured 1.5 s and a tick', async () => {
    const channel = await scenario.channel('Falls silent');
    await live(channel);
    const silentSince = Date.now();
    const end = await ended(channel);
    expect(end.reason).toBe('publisher_silent');
    expect(Date.now() - silentSince).toBeLessThan(2_500 + 500);
  });

  it('ends the stream as key_rotated when the owner rotates the stream key, and refuses the old key', async () => {
    const channel = await scenario.channel('Key rotation');
    const publisher = await live(channel);
    const stop = keepSending(publisher.peer);
    try {
      const oldKey = await scenario.rotateKey(channel);
      expect((await ended(channel)).reason).toBe('key_rotated');
      const retry = await scenario.sendSdp(`/whip/${channel.username}`, 'v=0\r\n', { streamKey: oldKey });
      expect(retry.status).toBe(401);
      expect(retry.body).toMatchObject({ error: 'invalid_stream_key' });
      expect(retry.headers.get('www-authenticate')).toBe('Bearer');
    } finally {
      stop();
    }
  });

  it('counts one anonymous viewer id once, however many sessions it opens', async () => {
    const channel = await scenario.channel('One viewer, two tabs');
    const publisher = await live(channel);
    const stop = keepSending(publisher.peer);
    try {
      const tabs: Array<Session<SyntheticViewer>> = [];
      for (const viewerId of ['tab-viewer-0001', 'tab-viewer-0001', 'other-viewer-02']) {
        let location = '';
        const peer = await SyntheticViewer.connect(
          async (offer) => {
            const answer = expectStatus(await scenario.api.request('POST', `/whep/${channel.username}`, { headers: { 'content-type': 'application/sdp', 'x-glint-viewer': viewerId }, rawBody: offer }), 201, 'watching');
            location = answer.headers.get('location') ?? '';
            return answer.body as string;
          },
          { bindAddress: '127.0.0.1' },
        );
        peers.push(peer);
        tabs.push({ peer, location });
      }
      await scenario.leave(tabs[2]);
      stop();
      await scenario.leave(publisher);
      expect(await ended(channel)).toMatchObject({ reason: 'publisher_left', peakViewers: 2, totalViews: 2 });
    } finally {
      stop();
    }
  });

  it('answers a CORS preflight and puts the CORS headers on refusals too', async () => {
    const preflight = await scenario.api.request('OPTIONS', '/whip/someone');
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('accept-post')).toBe('application/sdp');
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
    expect(preflight.headers.get('access-control-allow-headers')).toMatch(/If-Match/);

    const refused = await scenario.sendSdp('/whep/nobody-here', 'v=0\r\n');
    expect(refused.status).toBe(404);
    expect(refused.headers.get('access-control-allow-origin')).toBe('*');
    expect(refused.headers.get('access-control-expose-headers')).toMatch(/Location/);
  });
});
