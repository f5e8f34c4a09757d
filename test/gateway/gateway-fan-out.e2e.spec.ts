import { until } from '@glint/testing';
import { holdNativePeers } from '@glint/gateway/media';
import {
  AUDIO_PAYLOAD_TYPE,
  caughtUp,
  deliveryProblems,
  GatewayScenario,
  latencySince,
  PacedEncoder,
  VIDEO_PAYLOAD_TYPE,
  type Channel,
  type Session,
  type SyntheticPublisher,
  type SyntheticViewer,
} from '@glint/testing/gateway';
import { Given, startPlatformUnderTest, type PlatformUnderTest } from '@glint/testing/platform';
import { ViewerProcess } from './viewer-process';

const H264_IDR_SLICE = 0x65;
/** What SyntheticViewer offers: H.264 as payload type 102, Opus as 112 — not the publisher's 96 and 111. */
const VIEWER_VIDEO_PAYLOAD_TYPE = VIDEO_PAYLOAD_TYPE + 6;
const VIEWER_AUDIO_PAYLOAD_TYPE = AUDIO_PAYLOAD_TYPE + 1;

describe('the gateway fanning one publisher out to its viewers, over WHIP and WHEP', () => {
  // The test's own peers hold node-datachannel's native side until they are closed.
  const releaseNativePeers = holdNativePeers();
  let platform: PlatformUnderTest;
  let scenario: GatewayScenario;
  let channel: Channel;
  let publishing: Session<SyntheticPublisher>;
  let encoder: PacedEncoder;
  let viewerProcess: ViewerProcess | null = null;
  const watching: Array<Session<SyntheticViewer>> = [];

  async function watch(): Promise<Session<SyntheticViewer>> {
    const session = await scenario.watch(channel);
    watching.push(session);
    return session;
  }

  /** Stops the encoder and waits until every viewer holds what was sent, so none is still in flight. */
  async function stopAndSettle(viewers: Array<Session<SyntheticViewer>>, since: { video: number; audio: number }): Promise<void> {
    encoder.stop();
    await until('every viewer to receive the last packet sent', () => viewers.every((viewer) => caughtUp(viewer.peer, encoder, since)));
  }

  beforeAll(async () => {
    platform = await startPlatformUnderTest();
    scenario = new GatewayScenario(platform, new Given(platform));
    channel = await scenario.channel();
    publishing = await scenario.publish(channel);
    encoder = new PacedEncoder(publishing.peer);
    encoder.start();
    await scenario.started(channel);
  });

  afterEach(async () => {
    for (const session of watching.splice(0)) await scenario.leave(session);
    viewerProcess?.kill();
    viewerProcess = null;
    encoder.start();
  });

  afterAll(async () => {
    encoder?.stop();
    for (const session of watching.splice(0)) session.peer.close();
    publishing?.peer.close();
    await platform?.close();
    await releaseNativePeers();
  });

  it('delivers every H.264 and Opus packet, in order, to three viewers, each under its own SSRC and payload type', async () => {
    const viewers = [await watch(), await watch(), await watch()];
    await until('video at all three viewers', () => viewers.every((viewer) => viewer.peer.videoPackets().length > 0));
    const since = encoder.mark();
    await until('two more seconds of stream', () => encoder.ticks >= since.ticks + 100);
    await stopAndSettle(viewers, since);

    for (const viewer of viewers) {
      expect(deliveryProblems(viewer.peer, encoder, since)).toEqual([]);
      expect(new Set(viewer.peer.videoPackets().map((packet) => packet.payloadType))).toEqual(new Set([VIEWER_VIDEO_PAYLOAD_TYPE]));
      expect(new Set(viewer.peer.received.filter((packet) => packet.kind === 'audio').map((packet) => packet.payloadType))).toEqual(new Set([VIEWER_AUDIO_PAYLOAD_TYPE]));
    }
    expect(new Set(viewers.map((viewer) => viewer.peer.videoPackets()[0].ssrc)).size).toBe(3);
  });

  it('asks the publisher for a key frame when a viewer joins late, and starts that viewer on it within a second', async () => {
    const requestsBefore = publishing.peer.keyframeRequests;
    const lastKeyframeBefore = encoder.sentVideo.findLast((packet) => packet.keyframe)?.frame ?? 0;
    const late = await watch();

    await until('a key-frame request at the publisher', () => publishing.peer.keyframeRequests > requestsBefore);
    await until('the late viewer’s first video packet', () => late.peer.videoPackets().length > 0, { timeoutMs: 1_000 });
    const first = late.peer.videoPackets()[0];
    expect(first.firstByte).toBe(H264_IDR_SLICE);
    // Made for this viewer: the encoder sends key frames only when asked.
    expect(first.frame).toBeGreaterThan(lastKeyframeBefore);
    expect(encoder.sentVideo.find((packet) => packet.frame === first.frame)?.keyframe).toBe(true);
  });

  it('keeps the other viewers whole and on time while one stops reading, and takes new viewers after it dies', async () => {
    const viewers = [await watch(), await watch()];
    viewerProcess = await ViewerProcess.watch(`${platform.baseUrl}/whep/${channel.username}`);
    await until('video at the viewers in this process', () => viewers.every((viewer) => viewer.peer.videoPackets().length > 0));
    await viewerProcess.freeze();

    // Three seconds at 300 packets a second while the stopped viewer's socket fills and overflows.
    const since = encoder.mark();
    await until('three more seconds of stream', () => encoder.ticks >= since.ticks + 150);
    await stopAndSettle(viewers, since);
    for (const viewer of viewers) expect(deliveryProblems(viewer.peer, encoder, since)).toEqual([]);
    expect(latencySince(viewers.map((viewer) => viewer.peer), encoder, since).p99Ms).toBeLessThan(50);

    await viewerProcess.killed();
    encoder.start();
    const newcomer = await watch();
    await until('video at a viewer who joined after the stopped one died', () => newcomer.peer.videoPackets().length >= 3 * encoder.packetsPerFrame);
    expect(newcomer.peer.videoPackets()[0].firstByte).toBe(H264_IDR_SLICE);
    const before = viewers.map((viewer) => viewer.peer.packetCount);
    await until('the earlier viewers still receiving', () => viewers.every((viewer, index) => viewer.peer.packetCount > before[index] + 30));
  });
});
