import { randomInt } from 'node:crypto';
import type { IngestCodecs } from './codecs';
import type { PeerSettings } from './peer';
import { PublisherPeer } from './publisher-peer';
import { RetransmissionBuffer } from './retransmission-buffer';
import { isRtp, readFeedback, resolutionOf, startsKeyframe, type Resolution } from './rtp';
import type { SessionDescription } from './sdp';
import { ViewerPeer, type ViewerRoute } from './viewer-peer';

/** A key-frame request to the publisher at most this often, however many viewers ask (as Galene). */
export const KEYFRAME_REQUEST_INTERVAL_MS = 500;

export interface BroadcastSettings extends PeerSettings {
  /** The publisher's latest video packets kept to answer viewers' NACKs from (one buffer for all viewers). */
  nackBufferPackets: number;
}

/** What the publisher has sent so far; counters only grow. */
export interface IngestCounters {
  packets: number;
  bytes: number;
  /** Packets the sequence numbers say never arrived. */
  lost: number;
  /** NACKs viewers sent. */
  nacks: number;
  /** Packets sent again to a viewer who NACKed them, from the broadcast's retransmission buffer. */
  retransmitted: number;
  keyframeRequests: number;
  resolution: Resolution | null;
}

interface SequenceTracker {
  highest: number;
  seen: boolean;
}

/**
 * What ties one publisher to its viewers: every RTP packet from the publisher is sent on to each
 * viewer's track with that viewer's payload type, SSRC and an offset sequence number and
 * timestamp. A viewer gets no video until a key frame; a join or a viewer's PLI asks the publisher
 * for one, at most every 500 ms. Sending is a synchronous UDP write per viewer, so a viewer who
 * stops reading loses its own packets and slows nobody.
 */
export class Broadcast {
  readonly counters: IngestCounters = { packets: 0, bytes: 0, lost: 0, nacks: 0, retransmitted: 0, keyframeRequests: 0, resolution: null };
  firstMediaAt: number | null = null;
  lastMediaAt: number | null = null;
  private readonly viewers = new Map<string, ViewerPeer>();
  /** The viewers' routes as the per-packet loop reads them: rebuilt only when a viewer comes or goes. */
  private videoRoutes: ViewerRoute[] = [];
  private audioRoutes: ViewerRoute[] = [];
  private readonly sequences: Record<'audio' | 'video', SequenceTracker> = { audio: { highest: 0, seen: false }, video: { highest: 0, seen: false } };
  private lastKeyframeRequestAt = 0;
  private pendingKeyframeRequest: NodeJS.Timeout | null = null;
  private closed = false;
  private onFirstMedia: (() => void) | null = null;
  private onPeerGone: (() => void) | null = null;
  private readonly retransmissions: RetransmissionBuffer;

  private constructor(
    private readonly settings: BroadcastSettings,
    readonly codecs: IngestCodecs,
    private readonly publisher: PublisherPeer,
  ) {
    this.retransmissions = new RetransmissionBuffer(settings.nackBufferPackets);
  }

  /** Answers a publisher's offer; media flows once the peer connects. */
  static async open(name: string, settings: BroadcastSettings, offer: string, codecs: IngestCodecs): Promise<{ broadcast: Broadcast; answer: string }> {
    const { publisher, answer } = await PublisherPeer.open(name, settings, offer, codecs);
    const broadcast = new Broadcast(settings, codecs, publisher);
    publisher.receive(
      (packet) => broadcast.forward(packet, 'audio'),
      (packet) => broadcast.forward(packet, 'video'),
    );
    publisher.whenGone(() => {
      if (!broadcast.closed) broadcast.onPeerGone?.();
    });
    return { broadcast, answer };
  }

  /** `listener` runs once, at the first RTP packet. */
  whenMediaStarts(listener: () => void): void {
    this.onFirstMedia = listener;
  }

  /** `listener` runs when the publisher's connection fails or closes. */
  whenPeerGone(listener: () => void): void {
    this.onPeerGone = listener;
  }

  get viewerCount(): number {
    return this.viewers.size;
  }

  /** Viewers whose every track has opened on the gateway's side: the ones media is sent to. */
  get connectedViewerCount(): number {
    let connected = 0;
    for (const viewer of this.viewers.values()) if (viewer.connected) connected++;
    return connected;
  }

  viewerList(): ViewerPeer[] {
    return [...this.viewers.values()];
  }

  /** Answers a viewer's offer with this broadcast's codecs and starts sending to it. */
  async addViewer(id: string, identity: string, offer: string, description: SessionDescription): Promise<{ viewer: ViewerPeer; answer: string }> {
    const { viewer, answer } = await ViewerPeer.open(id, identity, this.settings, offer, description, this.codecs, {
      videoOpened: () => this.requestKeyframe(),
      feedback: (route, packet) => this.onViewerFeedback(route, packet),
      gone: () => this.removeViewer(id),
    });
    if (this.closed) {
      viewer.close();
    } else {
      this.viewers.set(id, viewer);
      this.refreshRoutes();
    }
    return { viewer, answer };
  }

  removeViewer(id: string): boolean {
    const viewer = this.viewers.get(id);
    if (!viewer) return false;
    this.viewers.delete(id);
    this.refreshRoutes();
    viewer.close();
    return true;
  }

  /** A trickled ICE candidate of the publisher (WHIP PATCH). */
  addRemoteCandidate(candidate: string, mid: string): void {
    if (!this.closed) this.publisher.addRemoteCandidate(candidate, mid);
  }

  /** Asks the publisher for a key frame, at most once per interval; a request inside it is sent when it ends. */
  requestKeyframe(): void {
    if (this.closed || this.pendingKeyframeRequest || !this.publisher.takesKeyframeRequests) return;
    const wait = this.lastKeyframeRequestAt + KEYFRAME_REQUEST_INTERVAL_MS - Date.now();
    if (wait > 0) {
      this.pendingKeyframeRequest = setTimeout(() => {
        this.pendingKeyframeRequest = null;
        this.requestKeyframe();
      }, wait);
      this.pendingKeyframeRequest.unref();
      return;
    }
    this.lastKeyframeRequestAt = Date.now();
    this.counters.keyframeRequests++;
    this.publisher.requestKeyframe();
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    if (this.pendingKeyframeRequest) clearTimeout(this.pendingKeyframeRequest);
    for (const viewer of this.viewers.values()) viewer.close();
    this.viewers.clear();
    this.refreshRoutes();
    this.retransmissions.clear();
    this.publisher.close();
  }

  private refreshRoutes(): void {
    const video: ViewerRoute[] = [];
    const audio: ViewerRoute[] = [];
    for (const viewer of this.viewers.values()) {
      if (viewer.video) video.push(viewer.video);
      if (viewer.audio) audio.push(viewer.audio);
    }
    this.videoRoutes = video;
    this.audioRoutes = audio;
  }

  /**
   * Runs once per packet per viewer, on the JS thread that also pays for each viewer's SRTP and UDP
   * write (see bench/gateway.ts): the per-viewer part is byte stores and the send over an array of
   * routes, nothing allocated.
   */
  private forward(packet: Buffer, kind: 'audio' | 'video'): void {
    if (this.closed || !isRtp(packet)) return;
    const now = Date.now();
    this.lastMediaAt = now;
    if (this.firstMediaAt === null) {
      this.firstMediaAt = now;
      this.onFirstMedia?.();
    }
    this.counters.packets++;
    this.counters.bytes += packet.length;
    const sequence = (packet[2] << 8) | packet[3];
    const timestamp = packet.readUInt32BE(4);
    this.countLoss(this.sequences[kind], sequence);
    const video = kind === 'video';
    // Audio starts a viewer at any packet; video only at a key frame.
    let startsViewers = !video;
    const videoCodec = this.codecs.video?.codec;
    if (video && videoCodec && startsKeyframe(packet, videoCodec)) {
      startsViewers = true;
      this.counters.resolution = resolutionOf(packet, videoCodec) ?? this.counters.resolution;
    }
    const marker = packet[1] & 0x80;
    if (video) this.retransmissions.keep(packet, sequence, timestamp, marker);
    const routes = video ? this.videoRoutes : this.audioRoutes;
    for (let index = 0; index < routes.length; index++) {
      const route = routes[index];
      if (!route.open) continue;
      if (!route.started) {
        if (!startsViewers) continue;
        route.started = true;
        route.sequenceOffset = (randomInt(0x10000) - sequence) & 0xffff;
        route.timestampOffset = (randomInt(0x100000000) - timestamp) >>> 0;
      }
      sendAs(route, packet, sequence, timestamp, marker);
    }
  }

  private countLoss(tracker: SequenceTracker, sequence: number): void {
    if (!tracker.seen) {
      tracker.seen = true;
      tracker.highest = sequence;
      return;
    }
    const ahead = (sequence - tracker.highest) & 0xffff;
    if (ahead === 0 || ahead >= 0x8000) return;
    this.counters.lost += ahead - 1;
    tracker.highest = sequence;
  }

  /** A viewer's RTCP: NACKed packets still in the buffer go again, a PLI asks the publisher for a key frame. */
  private onViewerFeedback(route: ViewerRoute, packet: Buffer): void {
    const feedback = readFeedback(packet);
    this.counters.nacks += feedback.nacks;
    if (route.started && route.open && !this.closed) {
      for (const lost of feedback.lostSequences) {
        const sequence = (lost - route.sequenceOffset) & 0xffff;
        const kept = this.retransmissions.find(sequence);
        if (kept === null) continue;
        sendAs(route, kept.packet, sequence, kept.timestamp, kept.marker);
        this.counters.retransmitted++;
      }
    }
    if (feedback.pictureLossIndications > 0) this.requestKeyframe();
  }
}

/**
 * Sends the publisher's `packet` on a viewer's route with that viewer's payload type, SSRC and
 * numbering. Byte stores rather than Buffer's checked writers: every value is already in range, and
 * this runs once per packet per viewer. node-datachannel copies the bytes, so the next viewer's
 * header can be written over this one's.
 */
function sendAs(route: ViewerRoute, packet: Buffer, sequence: number, timestamp: number, marker: number): void {
  const outSequence = (sequence + route.sequenceOffset) & 0xffff;
  const outTimestamp = (timestamp + route.timestampOffset) >>> 0;
  const ssrc = route.ssrc;
  packet[1] = marker | route.codec.payloadType;
  packet[2] = outSequence >>> 8;
  packet[3] = outSequence;
  packet[4] = outTimestamp >>> 24;
  packet[5] = outTimestamp >>> 16;
  packet[6] = outTimestamp >>> 8;
  packet[7] = outTimestamp;
  packet[8] = ssrc >>> 24;
  packet[9] = ssrc >>> 16;
  packet[10] = ssrc >>> 8;
  packet[11] = ssrc;
  try {
    route.track.sendMessageBinary(packet);
  } catch {
    // A track not open yet, or closing: this viewer misses the packet and nobody else waits.
  }
}
