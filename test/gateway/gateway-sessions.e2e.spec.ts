import { expectStatus, until, type ApiClient, type ApiResponse } from '@glint/testing';
import { randomBytes } from 'node:crypto';
import type { EventStore, RecordedEvent } from '@glint/eventstore';
import { EVENT_STORE } from '@glint/runtime';
import { streamIdOf, streamStreamName, type StreamEnded, type StreamStarted } from '@glint/streams';
import { holdNativePeers } from '@glint/gateway/media';
import { GatewayScenario, PacedEncoder, type Channel, type PublishingSession, type Session, type SyntheticViewer } from '@glint/testing/gateway';
import { readModels, Given, startPlatformUnderTest, type PlatformUnderTest } from '@glint/testing/platform';
import { offer } from './sdp-offers';

/**
 * The sessions and encoders a test started, ended the way a player and an encoder end them: with
 * their DELETE (a session already gone answers 404), then closing the peer. A peer closed without
 * its DELETE would hold its seat on the one-viewer gateway until the gateway notices it left.
 */
class Held {
  private readonly sessions: Array<{ api: ApiClient; session: Session<{ close(): void }> }> = [];
  private readonly encoders: PacedEncoder[] = [];

  /** `session`, made through `api`, to be ended there. */
  session<Made extends Session<{ close(): void }>>(api: ApiClient, session: Made): Made {
    this.sessions.push({ api, session });
    return session;
  }

  encoder(encoder: PacedEncoder): PacedEncoder {
    this.encoders.push(encoder);
    return encoder;
  }

  /** A platform closed meanwhile has ended its sessions itself: only the peers are left to close. */
  async release(): Promise<void> {
    for (const encoder of this.encoders.splice(0)) encoder.stop();
    for (const { api, session } of this.sessions.splice(0).reverse()) {
      const ended = await api.request('DELETE', session.location).catch(() => null);
      if (ended && ended.status !== 200 && ended.status !== 404) throw new Error(`Ending ${session.location} answered ${ended.status}: ${JSON.stringify(ended.body)}`);
      session.peer.close();
    }
  }
}

const SESSION_LOCATION = (kind: 'whip' | 'whep', channel: Channel) => new RegExp(`^/${kind}/${channel.username}/sessions/[A-Za-z0-9_-]{43,}$`);

describe('the gateway’s sessions: trickle, a full gateway, staff shutdown and a clean stop', () => {
  // The test's own peers hold node-datachannel's native side until they are closed.
  const releaseNativePeers = holdNativePeers();
  let platform: PlatformUnderTest;
  let scenario: GatewayScenario;
  /** What each test starts, let go after it. */
  const held = new Held();

  beforeAll(async () => {
    // One viewer at a time, so the second is refused.
    platform = await startPlatformUnderTest({ env: { GATEWAY_MAX_VIEWERS: '1' } });
    scenario = new GatewayScenario(platform, new Given(platform));
  });

  afterEach(() => held.release());

  afterAll(async () => {
    await platform?.close();
    await releaseNativePeers();
  });

  const storeOf = (running: PlatformUnderTest) => running.app.get<EventStore>(EVENT_STORE, { strict: false });

  /** Publishes and sends steadily until the test ends, then waits for the channel's stream number `sequence` to start. */
  async function live(on: GatewayScenario, channel: Channel, sequence = 1, by = held): Promise<PublishingSession> {
    const publishing = by.session(on.api, await on.publish(channel));
    by.encoder(new PacedEncoder(publishing.peer)).start();
    await firstEvent(on.platform, channel, sequence, 'StreamStarted');
    return publishing;
  }

  async function watch(channel: Channel): Promise<Session<SyntheticViewer>> {
    return held.session(scenario.api, await scenario.watch(channel));
  }

  async function firstEvent(on: PlatformUnderTest, channel: Channel, sequence: number, type: string): Promise<RecordedEvent> {
    const streamName = streamStreamName(streamIdOf(channel.channelId, sequence));
    return until(`${type} on ${streamName}`, async () => (await storeOf(on).readStream(streamName)).find((event) => event.type === type), { timeoutMs: 10_000 });
  }

  const patch = (location: string, fragment: string, headers: Record<string, string>) => scenario.api.request('PATCH', location, { headers: { 'content-type': 'application/trickle-ice-sdpfrag', ...headers }, rawBody: fragment });

  function expectProblem(response: ApiResponse, status: number, error: string): void {
    expect({ status: response.status, error: response.body?.error }).toEqual({ status, error });
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  }

  describe('WHIP PATCH (trickle ICE)', () => {
    let channel: Channel;
    let publishing: PublishingSession;
    let fragment: string;
    const heldThroughout = new Held();

    beforeAll(async () => {
      channel = await scenario.channel('Trickles its candidates');
      publishing = await live(scenario, channel, 1, heldThroughout);
      // The publisher's own host candidate, which its offer left out as OBS does.
      const candidate = /^a=candidate:.*$/m.exec(publishing.peer.peer.localDescription()?.sdp ?? '')?.[0];
      if (!candidate) throw new Error('The synthetic publisher gathered no candidate to trickle.');
      fragment = trickleFragment(iceUfragOf(publishing.offer), candidate);
    });

    afterAll(() => heldThroughout.release());

    it('answers the publisher’s session with an unguessable location and an ETag', () => {
      expect(publishing.location).toMatch(SESSION_LOCATION('whip', channel));
      expect(publishing.etag).toMatch(/^"[^"]+"$/);
    });

    it('asks for If-Match with 428 when a PATCH names no ETag', async () => {
      expectProblem(await patch(publishing.location, fragment, {}), 428, 'precondition_required');
    });

    it('refuses a PATCH naming another ETag with 412', async () => {
      expectProblem(await patch(publishing.location, fragment, { 'if-match': '"not-this-session"' }), 412, 'precondition_failed');
    });

    it('adds a trickled candidate under the session’s ETag with 204, and the stream goes on', async () => {
      const head = await scenario.headPosition();
      const response = await patch(publishing.location, fragment, { 'if-match': publishing.etag });
      expect(response.status).toBe(204);
      expect(response.body).toBe('');
      expect(await scenario.recordedSince(head, (event) => event.type.endsWith('Sampled'))).toEqual([]);
    });

    it('refuses an ICE restart (a new ice-ufrag) with 422 ice_restart_unsupported', async () => {
      const restart = trickleFragment(randomBytes(4).toString('hex'), 'a=candidate:1 1 UDP 2122317823 127.0.0.1 9 typ host');
      const response = await patch(publishing.location, restart, { 'if-match': publishing.etag });
      expectProblem(response, 422, 'ice_restart_unsupported');
      expect(response.body.detail).toMatch(/DELETE/);
    });

    it('refuses a fragment sent as another content type with 415', async () => {
      const response = await scenario.api.request('PATCH', publishing.location, { headers: { 'content-type': 'application/sdp', 'if-match': publishing.etag }, rawBody: fragment });
      expectProblem(response, 415, 'unsupported_media_type');
      expect(response.body.detail).toMatch(/application\/trickle-ice-sdpfrag/);
    });

    it('answers 404 session_not_found for a session the gateway does not hold', async () => {
      const unknown = `/whip/${channel.username}/sessions/${randomBytes(32).toString('base64url')}`;
      expectProblem(await patch(unknown, fragment, { 'if-match': publishing.etag }), 404, 'session_not_found');
    });

    it('keeps the session whole through all of that: its DELETE ends the stream as publisher_left', async () => {
      expectStatus(await scenario.api.request('DELETE', publishing.location), 200, 'ending the publisher’s session');
      expect((await firstEvent(platform, channel, 1, 'StreamEnded')).data).toMatchObject({ reason: 'publisher_left' });
    });
  });

  it('refuses a viewer over GATEWAY_MAX_VIEWERS with 503 gateway_full and Retry-After, and takes one again once a viewer leaves', async () => {
    const channel = await scenario.channel('One seat only');
    await live(scenario, channel);
    const first = await watch(channel);

    const refused = await scenario.sendSdp(`/whep/${channel.username}`, offer({ direction: 'recvonly' }));
    expectProblem(refused, 503, 'gateway_full');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);

    await scenario.leave(first);
    const next = await watch(channel);
    await until('video at the viewer who took the freed seat', () => next.peer.videoPackets().length > 0);
  });

  it('gives each viewer an unguessable session whose DELETE answers 200 once and 404 after', async () => {
    const channel = await scenario.channel('Viewers come and go');
    await live(scenario, channel);
    const locations: string[] = [];
    // One after the other: this gateway seats one viewer at a time.
    for (let count = 0; count < 3; count++) {
      const viewer = await watch(channel);
      expect(viewer.location).toMatch(SESSION_LOCATION('whep', channel));
      locations.push(viewer.location);
      expect((await scenario.api.request('DELETE', viewer.location)).status).toBe(200);
      expectProblem(await scenario.api.request('DELETE', viewer.location), 404, 'session_not_found');
    }
    expect(new Set(locations).size).toBe(3);
  });

  it('closes the publisher and its viewer when staff shut the stream down, and lets the channel go live again', async () => {
    const channel = await scenario.channel('Shut down by staff');
    const admin = await new Given(platform).user({ staffRole: 'admin' });
    const publishing = await live(scenario, channel);
    const viewer = await watch(channel);
    await until('video at the viewer', () => viewer.peer.videoPackets().length > 0);

    expectStatus(await scenario.api.post(`/api/streams/${channel.username}/shutdown`, { reason: 'Restreams a film' }, admin.token), 204, 'shutting the stream down');
    const ended = (await firstEvent(platform, channel, 1, 'StreamEnded')) as unknown as StreamEnded;
    expect(ended.data).toMatchObject({ reason: 'staff_shutdown', endedBy: admin.userId, note: 'Restreams a film' });

    // The gateway lets go of the publisher and its viewers when it sees the end in the log. A PATCH
    // that trickles nothing asks whether it still holds the session, at a pace under the rate limit.
    const stillHeld = async () => (await patch(publishing.location, `a=ice-ufrag:${iceUfragOf(publishing.offer)}\r\n`, { 'if-match': publishing.etag })).status === 204;
    await until('the gateway to let go of the publisher’s session', async () => !(await stillHeld()), { intervalMs: 200 });
    expectProblem(await scenario.api.request('DELETE', publishing.location), 404, 'session_not_found');
    expectProblem(await scenario.api.request('DELETE', viewer.location), 404, 'session_not_found');
    const streamEnds = (await storeOf(platform).readStream(streamStreamName(streamIdOf(channel.channelId, 1)))).filter((event) => event.type === 'StreamEnded');
    expect(streamEnds).toHaveLength(1);

    await live(scenario, channel, 2);
    const restarted = (await firstEvent(platform, channel, 2, 'StreamStarted')) as unknown as StreamStarted;
    expect(restarted.data).toMatchObject({ channelId: channel.channelId, sequence: 2 });
  });

  it('ends its live stream as gateway_stopped and takes its heartbeat row away when the platform closes', async () => {
    // A second platform on the same database: it stops, and this one reads what it left behind.
    const stopping = await startPlatformUnderTest({ databaseUrl: platform.databaseUrl });
    let closed = false;
    try {
      const onStopping = new GatewayScenario(stopping, new Given(stopping));
      const channel = await onStopping.channel('Live when the gateway stops');
      await live(onStopping, channel);
      const started = (await firstEvent(platform, channel, 1, 'StreamStarted')) as unknown as StreamStarted;
      const beats = () => readModels(platform).execute<Array<{ gateway_id: string }>>('SELECT gateway_id FROM gateway_heartbeats WHERE gateway_id = ?', [started.data.gatewayId]);
      expect(await beats()).toHaveLength(1);

      await stopping.close();
      closed = true;

      expect(((await firstEvent(platform, channel, 1, 'StreamEnded')) as unknown as StreamEnded).data).toMatchObject({ reason: 'gateway_stopped', gatewayId: started.data.gatewayId });
      expect(await beats()).toEqual([]);
    } finally {
      if (!closed) await stopping.close();
    }
  });
});

function iceUfragOf(sdp: string): string {
  const ufrag = /^a=ice-ufrag:(\S+)/m.exec(sdp)?.[1];
  if (!ufrag) throw new Error('The offer carries no a=ice-ufrag.');
  return ufrag;
}

/** An RFC 8840 fragment: the session's ICE username fragment, and one candidate under the audio section's mid. */
function trickleFragment(iceUfrag: string, candidate: string): string {
  return [`a=ice-ufrag:${iceUfrag}`, 'm=audio 9 UDP/TLS/RTP/SAVPF 111', 'a=mid:0', candidate, ''].join('\r\n');
}
