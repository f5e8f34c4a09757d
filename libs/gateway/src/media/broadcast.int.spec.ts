import { randomUUID } from 'node:crypto';
import { holdNativePeers } from './native-peers';
import { chooseIngestCodecs } from './codecs';
import { Broadcast, type BroadcastSettings } from './broadcast';
import { parseSdp } from './sdp';
import { freeUdpPort } from '../testing/free-udp-port';
import { SyntheticPublisher, SyntheticViewer, VIDEO_SSRC } from '../testing/synthetic-peers';

const until = async (condition: () => boolean, timeoutMs: number, what: string) => {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
};

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

  async function watch(): Promise<SyntheticViewer> {
    const viewer = await SyntheticViewer.connect(async (offer) => (await (broadcast as Broadcast).addViewer(randomUUID(), randomUUID(), offer, parseSdp(offer))).answer, { bindAddress: '127.0.0.1' });
    peers.push(viewer);
    return viewer;
  }

  it('delivers every packet to three viewers in order, each with its own SSRC and continuous numbering', async () => {
    const publisher = await publish({ withoutCandidates: true });
    const viewers = [await watch(), await watch(), await watch()];
    let sent = 0;
    for (let frame = 0; frame < 60; frame++) {
      sent += publisher.sendVideoFrame({ keyframe: frame % 30 === 0, packets: 5, size: 1000 }).length;
      publisher.sendAudioPacket();
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await until(() => viewers.every((viewer) => viewer.videoPackets().length >= sent), 5_000, 'every video packet at every viewer');
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
    await until(() => (broadcast?.counters.packets ?? 0) >= 9, 3_000, 'the first frames at the gateway');
    const requestsBefore = publisher.keyframeRequests;
    const late = await watch();
    await until(() => publisher.keyframeRequests > requestsBefore, 3_000, 'a key-frame request at the publisher');
    publisher.sendVideoFrame({ keyframe: false, packets: 3, size: 800 });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(late.videoPackets()).toHaveLength(0);
    publisher.sendVideoFrame({ keyframe: true, packets: 3, size: 800 });
    await until(() => late.videoPackets().length === 3, 3_000, 'the key frame at the late viewer');
    expect(late.videoPackets()[0].firstByte).toBe(0x65);
  });
});
