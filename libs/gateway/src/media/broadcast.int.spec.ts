import { randomUUID } from 'node:crypto';
import { holdNativePeers } from './native-peers';
import { chooseIngestCodecs } from './codecs';
import { Broadcast, KEYFRAME_REQUEST_INTERVAL_MS, type BroadcastSettings } from './broadcast';
import { parseSdp } from './sdp';
import { quietPeriod, until } from '@glint/testing';
import { freeUdpPort, PacedEncoder, SyntheticPublisher, SyntheticViewer, VIDEO_SSRC } from '@glint/testing/gateway';

describe('a broadcast forwarding a publisher to viewers on loopback', () => {
  // The test's own peers hold node-datachannel's native side until they are closed.
  const releaseNativePeers = holdNativePeers();
  let settings: BroadcastSettings;
  let broadcast: Broadcast | null = null;
  const peers: Array<{ close(): void }> = [];

  beforeAll(async () => {
    settings = { udpPort: await freeUdpPort(), bindAddress: '127.0.0.1', announcedAddresses: [], gatheringTimeoutMs: 5_000, nackBufferPackets: 512 };
  });

  afterAll(() => releaseNativePeers());

  afterEach(() => {
    for (const peer of peers.splice(0)) peer.close();
    broadcast?.close();
    broadcast = null;
  });

  async function publish(options: { withoutCandidates?: boolean; codec?: 'H264' | 'VP8' } = {}): Promise<SyntheticPublisher> {
    const publisher = await SyntheticPublisher.connect(async (offer) => {
      const opened = await Broadcast.open(`publisher-${randomUUID()}`, settings, offer, chooseIngestCodecs(parseSdp(offer)));
      broadcast = opened.broadcast;
      return opened.answer;
    }, { bindAddress: '127.0.0.1', ...options });
    peers.push(publisher);
    return publisher;
  }

  /** Until the broadcast sends to `count` viewers: each one's tracks opened on the gateway's side too. */
  const routesOpen = (count: number) => until(`${count} viewers' tracks open at the gateway`, () => broadcast?.viewerList().filter((viewer) => viewer.connected).length === count);

  async function watch(options: { feedback?: boolean } = {}): Promise<SyntheticViewer> {
    const viewer = await SyntheticViewer.connect(async (offer) => (await (broadcast as Broadcast).addViewer(randomUUID(), randomUUID(), offer, parseSdp(offer))).answer, {
      bindAddress: '127.0.0.1',
      ...options,
    });
    peers.push(viewer);
    return viewer;
  }

  it('delivers every packet to three viewers in order, each with its own SSRC and continuous numbering', async () => {
    const publisher = await publish({ withoutCandidates: true });
    const viewers = [await watch(), await watch(), await watch()];
    // A viewer's side of the connection can be open before the gateway's callback saying so has run.
    await routesOpen(3);
    const encoder = new PacedEncoder(publisher, { packetsPerFrame: 5, packetBytes: 1000, tickMs: 5, keyframeEvery: 30 });
    await encoder.send(60);
    const sent = encoder.sentVideo.length;
    await until('every video packet at every viewer', () => viewers.every((viewer) => viewer.videoPackets().length >= sent));
    const ssrcs = new Set<number>();
    for (const viewer of viewers) {
      const video = viewer.videoPackets();
      expect(video).toHaveLength(sent);
      expect(video[0].firstByte).toBe(0x65);
      expect(new Set(video.map((packet) => packet.ssrc)).size).toBe(1);
      expect(video[0].ssrc).not.toBe(VIDEO_SSRC);
      ssrcs.add(video[0].ssrc);
      video.forEach((packet, index) => {
        if (index === 0) return;
        expect(packet.sequence).toBe((video[index - 1].sequence + 1) & 0xffff);
        expect([video[index - 1].frame, video[index - 1].frame + 1]).toContain(packet.frame);
      });
      expect(viewer.received.filter((packet) => packet.kind === 'audio')).toHaveLength(60);
    }
    expect(ssrcs.size).toBe(3);
    expect(broadcast?.counters.lost).toBe(0);
  });

  it('holds a late viewer until a key frame, and asks the publisher for one when it joins', async () => {
    const publisher = await publish();
    for (let frame = 0; frame < 3; frame++) publisher.sendVideoFrame({ keyframe: frame === 0, packets: 3, size: 800 });
    await until('the first frames at the gateway', () => (broadcast?.counters.packets ?? 0) >= 9);
    const requestsBefore = publisher.keyframeRequests;
    const late = await watch();
    // Asked for when the late viewer's track opened: every frame from then on reaches the broadcast's route to it.
    await until('a key-frame request at the publisher', () => publisher.keyframeRequests > requestsBefore);
    publisher.sendVideoFrame({ keyframe: false, packets: 3, size: 800 });
    publisher.sendVideoFrame({ keyframe: true, packets: 3, size: 800 });
    await until('the key frame at the late viewer', () => late.videoPackets().length >= 3);
    // The fourth frame was held back: the viewer starts at the fifth, the key frame.
    expect([late.videoPackets()[0].frame, late.videoPackets()[0].firstByte]).toEqual([5, 0x65]);
  });

  /**
   * Loses the listed packets (counted from 0 among the video packets sent to it) on their way to the
   * gateway's `index`th viewer, once each: retransmissions of them pass. A packet the viewer already
   * has would not do, since its SRTP context drops a repeated sequence number as a replay.
   */
  function loseOnTheWay(index: number, lost: number[]): void {
    const route = (broadcast as Broadcast).viewerList()[index].video!;
    const send = route.track.sendMessageBinary.bind(route.track);
    let counted = 0;
    const pending = new Set(lost);
    Object.defineProperty(route.track, 'sendMessageBinary', {
      value: (packet: Buffer) => {
        if (pending.delete(counted++)) return true;
        return send(packet);
      },
    });
  }

  const missing = (viewer: SyntheticViewer): number[] => {
    const got = viewer.videoPackets().map((packet) => packet.sequence);
    const gaps: number[] = [];
    for (let index = 1; index < got.length; index++) for (let sequence = (got[index - 1] + 1) & 0xffff; sequence !== got[index]; sequence = (sequence + 1) & 0xffff) gaps.push(sequence);
    return gaps;
  };

  it('answers a viewer\'s NACK from the buffer: the lost packets again, in that viewer\'s numbering, to that viewer only', async () => {
    const publisher = await publish();
    const asking = await watch({ feedback: true });
    const other = await watch();
    await routesOpen(2);
    loseOnTheWay(0, [2, 9]);
    let sent = 0;
    for (let frame = 0; frame < 4; frame++) sent += publisher.sendVideoFrame({ keyframe: frame === 0, packets: 4, size: 900 }).length;
    await until('every packet but the lost two', () => asking.videoPackets().length === sent - 2 && other.videoPackets().length === sent);
    const lost = missing(asking);
    expect(lost).toHaveLength(2);
    asking.sendNack(lost);
    await until('the two lost packets', () => asking.videoPackets().length === sent);
    const byOrder = (packets: ReturnType<SyntheticViewer['videoPackets']>) => [...packets].sort((a, b) => a.frame - b.frame || ((a.sequence - b.sequence) << 16 >> 16));
    const asked = byOrder(asking.videoPackets());
    const seen = byOrder(other.videoPackets());
    // The same packets as the other viewer's, numbered on without a gap in the asking viewer's own numbering.
    expect(asked.map((packet) => [packet.frame, packet.firstByte])).toEqual(seen.map((packet) => [packet.frame, packet.firstByte]));
    asked.forEach((packet, index) => index > 0 && expect(packet.sequence).toBe((asked[index - 1].sequence + 1) & 0xffff));
    expect(new Set(asked.map((packet) => packet.ssrc)).size).toBe(1);
    expect(asking.videoPackets().slice(sent - 2).map((packet) => packet.sequence)).toEqual(lost);
    expect(broadcast?.counters).toMatchObject({ nacks: 1, retransmitted: 2 });
    expect(other.videoPackets()).toHaveLength(sent);
  });

  it('sends nothing again for a NACK of a packet the buffer no longer holds', async () => {
    const publisher = await publish();
    const asking = await watch({ feedback: true });
    await routesOpen(1);
    // The buffer keeps 512 packets: 600 push the first ones out.
    loseOnTheWay(0, [1, 598]);
    const encoder = new PacedEncoder(publisher, { packetsPerFrame: 10, packetBytes: 200, tickMs: 2 });
    await encoder.send(60);
    const sent = encoder.sentVideo.length;
    await until('every packet but the lost two', () => asking.videoPackets().length === sent - 2);
    const lost = missing(asking);
    expect(lost).toHaveLength(2);
    asking.sendNack(lost);
    await until('the lost packet still held', () => asking.videoPackets().length === sent - 1);
    expect(asking.videoPackets()[sent - 2].sequence).toBe(lost[1]);
    expect(broadcast?.counters).toMatchObject({ nacks: 1, retransmitted: 1 });
  });

  it('passes a viewer\'s PLI on to the publisher, at most one key-frame request per 500 ms', async () => {
    const publisher = await publish();
    const asking = await watch({ feedback: true });
    await routesOpen(1);
    // The join's own request, made when the viewer's track opened (it reaches a publisher only once its media has begun).
    await until('the join’s key-frame request', () => broadcast!.counters.keyframeRequests === 1);
    publisher.sendVideoFrame({ keyframe: true, packets: 2, size: 600 });
    await until('the first key frame at the viewer', () => asking.videoPackets().length === 2);
    const before = publisher.keyframeRequests;
    asking.sendPictureLossIndication();
    // Within the join's interval or after it: either way one request, sent once the interval allows.
    await until('the PLI’s key-frame request at the publisher', () => publisher.keyframeRequests === before + 1);
    const firstAt = Date.now();
    asking.sendPictureLossIndication();
    asking.sendPictureLossIndication();
    await until('the held-back request at the publisher', () => publisher.keyframeRequests === before + 2);
    // The second and third PLI make one request, sent when the interval is over.
    expect(Date.now() - firstAt).toBeGreaterThanOrEqual(KEYFRAME_REQUEST_INTERVAL_MS - 100);
    await quietPeriod(KEYFRAME_REQUEST_INTERVAL_MS + 100, 'a request for the third PLI on its own would come one interval after the second');
    expect(publisher.keyframeRequests).toBe(before + 2);
    expect(broadcast!.counters.keyframeRequests).toBe(3);
  });

  it('forwards VP8 too, holding a viewer until a VP8 key frame', async () => {
    const publisher = await publish({ codec: 'VP8' });
    expect(broadcast?.codecs.video?.codec).toBe('VP8');
    const viewer = await watch();
    await routesOpen(1);
    publisher.sendVideoFrame({ keyframe: false, packets: 3, size: 700 });
    publisher.sendVideoFrame({ keyframe: true, packets: 3, size: 700 });
    publisher.sendVideoFrame({ keyframe: false, packets: 3, size: 700 });
    await until('the key frame and the frame after it', () => viewer.videoPackets().length === 6);
    const video = viewer.videoPackets();
    // The VP8 payload descriptor's S bit, then the key-frame bit clear in the frame tag.
    expect([video[0].firstByte, video[0].frame]).toEqual([0x10, 2]);
    video.forEach((packet, index) => index > 0 && expect(packet.sequence).toBe((video[index - 1].sequence + 1) & 0xffff));
    await quietPeriod(100, 'the first frame’s packets, sent before the others, would have come with them');
    expect(viewer.videoPackets()).toHaveLength(6);
  });
});
