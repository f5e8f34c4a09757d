import { until, type ApiResponse } from '@glint/testing';
import { randomBytes } from 'node:crypto';
import { holdNativePeers } from '@glint/gateway/media';
import type { RecordedEvent } from '@glint/eventstore';
import { GatewayScenario, PacedEncoder, type Channel, type Session, type SyntheticPublisher, type SyntheticViewer } from '@glint/testing/gateway';
import { Given, startPlatformUnderTest, type PlatformUnderTest } from '@glint/testing/platform';
import { offer, offerOfSize, offerWithoutMedia } from './sdp-offers';

interface BadRequest {
  name: string;
  send: () => Promise<ApiResponse>;
  status: number;
  error: string | RegExp;
  /** What the refusal must tell people, beyond its code. */
  detail?: RegExp;
  headers?: Record<string, RegExp>;
}

/** What a live stream records by itself every 10 s, whatever anyone sends. */
const SAMPLES: ReadonlySet<string> = new Set(['StreamHealthSampled', 'ViewerCountSampled']);

describe('the gateway refusing bad requests while a stream is live', () => {
  // The test's own peers hold node-datachannel's native side until they are closed.
  const releaseNativePeers = holdNativePeers();
  let platform: PlatformUnderTest;
  let scenario: GatewayScenario;
  /** Live throughout, with a viewer: every refusal must leave it undisturbed. */
  let live: Channel;
  let liveStreamName: string;
  /** Offline, its key rotated once: where bad offers go, since a live channel answers 409 before it reads an offer. */
  let offline: Channel;
  let rotatedKey: string;
  let publishing: Session<SyntheticPublisher>;
  let encoder: PacedEncoder;
  let watching: Session<SyntheticViewer>;
  const peers: Array<{ close(): void }> = [];

  const whip = (channel: Channel) => `/whip/${channel.username}`;
  const unknownSession = () => randomBytes(32).toString('base64url');

  beforeAll(async () => {
    platform = await startPlatformUnderTest();
    scenario = new GatewayScenario(platform, new Given(platform));
    [live, offline] = await Promise.all([scenario.channel(), scenario.channel()]);
    rotatedKey = await scenario.rotateKey(offline);
    publishing = await scenario.publish(live);
    peers.push(publishing.peer);
    encoder = new PacedEncoder(publishing.peer);
    encoder.start();
    liveStreamName = (await scenario.started(live)).streamName;
    watching = await scenario.watch(live);
    peers.push(watching.peer);
    await until('video at the viewer', () => watching.peer.videoPackets().length > 0);
  });

  afterAll(async () => {
    encoder?.stop();
    for (const peer of peers) peer.close();
    await platform?.close();
    await releaseNativePeers();
  });

  const badRequests: BadRequest[] = [
    {
      name: 'a WHIP offer sent as text/plain',
      send: () => scenario.sendSdp(whip(live), offer(), { streamKey: live.streamKey, contentType: 'text/plain' }),
      status: 415,
      error: 'unsupported_media_type',
      detail: /application\/sdp/,
    },
    {
      name: 'a WHEP offer sent as JSON',
      send: () => scenario.sendSdp(`/whep/${live.username}`, JSON.stringify({ sdp: offer({ direction: 'recvonly' }) }), { contentType: 'application/json' }),
      status: 415,
      error: 'unsupported_media_type',
      detail: /application\/sdp/,
    },
    { name: 'an offer with no stream key', send: () => scenario.sendSdp(whip(live), offer()), status: 401, error: 'invalid_stream_key', headers: { 'www-authenticate': /^Bearer/ } },
    {
      name: 'an offer with a stream key nobody was given',
      send: () => scenario.sendSdp(whip(live), offer(), { streamKey: `${live.channelId}-${randomBytes(32).toString('hex')}` }),
      status: 401,
      error: 'invalid_stream_key',
      headers: { 'www-authenticate': /^Bearer/ },
    },
    { name: 'an offer with a rotated stream key', send: () => scenario.sendSdp(whip(offline), offer(), { streamKey: rotatedKey }), status: 401, error: 'invalid_stream_key' },
    { name: 'an offer with another channel’s stream key', send: () => scenario.sendSdp(whip(live), offer(), { streamKey: offline.streamKey }), status: 401, error: 'invalid_stream_key' },
    { name: 'a second publisher with the live channel’s own key', send: () => scenario.sendSdp(whip(live), offer(), { streamKey: live.streamKey }), status: 409, error: 'already_live' },
    { name: 'a body that is not SDP', send: () => scenario.sendSdp(whip(offline), 'hello, this is not an offer', { streamKey: offline.streamKey }), status: 400, error: 'malformed_sdp' },
    {
      name: 'an offer whose media line has no port',
      send: () => scenario.sendSdp(whip(offline), offer().replace('m=video 9 UDP/TLS/RTP/SAVPF 96', 'm=video UDP/TLS/RTP/SAVPF'), { streamKey: offline.streamKey }),
      status: 400,
      error: 'malformed_sdp',
    },
    { name: 'an offer with no media sections', send: () => scenario.sendSdp(whip(offline), offerWithoutMedia(), { streamKey: offline.streamKey }), status: 400, error: 'malformed_sdp' },
    { name: 'an offer just over 64 KiB', send: () => scenario.sendSdp(whip(offline), offerOfSize(64 * 1024 + 1), { streamKey: offline.streamKey }), status: 413, error: 'sdp_too_large' },
    // Far over the gateway's body limit: refused before the body is read as SDP.
    { name: 'an offer of 1 MB', send: () => scenario.sendSdp(whip(offline), offerOfSize(1_000_000), { streamKey: offline.streamKey }), status: 413, error: /too_large/ },
    {
      name: 'an offer of only VP9 and G.722',
      send: () => scenario.sendSdp(whip(offline), offer({ video: 'VP9/90000', videoFmtp: undefined, audio: 'G722/8000', audioFmtp: undefined }), { streamKey: offline.streamKey }),
      status: 422,
      error: 'unsupported_codec',
      detail: /H\.264.*VP8.*Opus/,
    },
    { name: 'a DELETE of a WHIP session that does not exist', send: () => scenario.api.request('DELETE', `${whip(live)}/sessions/${unknownSession()}`), status: 404, error: 'session_not_found' },
    { name: 'a DELETE of a WHEP session that does not exist', send: () => scenario.api.request('DELETE', `/whep/${live.username}/sessions/${unknownSession()}`), status: 404, error: 'session_not_found' },
    { name: 'a WHEP offer for a channel that is not live', send: () => scenario.sendSdp(`/whep/${offline.username}`, offer({ direction: 'recvonly' })), status: 404, error: 'not_live' },
  ];

  const isLiveSample = (event: RecordedEvent) => SAMPLES.has(event.type) && event.streamName === liveStreamName;

  it.each(badRequests)('refuses $name with $status, records nothing and keeps the stream going', async ({ send, status, error, detail, headers }) => {
    const head = await scenario.headPosition();
    const packetsBefore = watching.peer.packetCount;

    const response = await send();
    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(response.body.error).toEqual(typeof error === 'string' ? error : expect.stringMatching(error));
    if (detail) expect(response.body.detail).toMatch(detail);
    for (const [name, value] of Object.entries(headers ?? {})) expect(response.headers.get(name)).toMatch(value);

    // A refusal that disturbed the stream would show here: the viewer starves, or something is recorded late.
    await until('the viewer to keep receiving the live stream', () => watching.peer.packetCount >= packetsBefore + 60);
    expect(await scenario.recordedSince(head, isLiveSample)).toEqual([]);
  });

  it('leaves the channel the bad offers went to free to go live with its key', async () => {
    const head = await scenario.headPosition();
    const second = await scenario.publish(offline);
    peers.push(second.peer);
    new PacedEncoder(second.peer).tick();
    const { streamName } = await scenario.started(offline);
    await scenario.leave(second);
    expect(await scenario.recordedSince(head, isLiveSample)).toEqual([`StreamStarted on ${streamName}`, `StreamEnded on ${streamName}`]);
  });
});
