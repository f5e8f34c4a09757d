import { Audio, RtcpReceivingSession, Video, type PeerConnection, type Track } from 'node-datachannel';
import type { IngestCodecs } from './codecs';
import { addOwnedTrack } from './native-peers';
import { answerOffer, type PeerSettings } from './peer';

/**
 * The publisher's peer: receive-only tracks with exactly the codecs chosen from its offer, each with
 * a media handler that answers with receiver reports and takes the publisher's RTCP, so what
 * reaches the broadcast is RTP only.
 */
export class PublisherPeer {
  private constructor(
    private readonly peer: PeerConnection,
    private readonly video: Track | null,
    private readonly audio: Track | null,
    /** Media descriptions and handlers, referenced for as long as the peer is. */
    private readonly handlers: unknown[],
  ) {}

  /** Answers a publisher's offer; media flows once the peer connects. */
  static async open(name: string, settings: PeerSettings, offer: string, codecs: IngestCodecs): Promise<{ publisher: PublisherPeer; answer: string }> {
    const handlers: unknown[] = [];
    let video: Track | null = null;
    let audio: Track | null = null;
    const { peer, answer } = await answerOffer(name, settings, offer, (connection) => {
      if (codecs.audio) {
        const description = new Audio(codecs.audio.mid, 'RecvOnly');
        description.addOpusCodec(codecs.audio.payloadType, codecs.audio.fmtp || undefined);
        audio = addOwnedTrack(connection, description);
        const session = new RtcpReceivingSession();
        audio.setMediaHandler(session);
        handlers.push(description, session);
      }
      if (codecs.video) {
        const description = new Video(codecs.video.mid, 'RecvOnly');
        if (codecs.video.codec === 'H264') description.addH264Codec(codecs.video.payloadType, codecs.video.fmtp || undefined);
        else description.addVP8Codec(codecs.video.payloadType);
        video = addOwnedTrack(connection, description);
        const session = new RtcpReceivingSession();
        video.setMediaHandler(session);
        handlers.push(description, session);
      }
    });
    return { publisher: new PublisherPeer(peer, video, audio, handlers), answer };
  }

  /** Hands every RTP packet of each track to its listener, straight from the track's callback. */
  receive(audio: (packet: Buffer) => void, video: (packet: Buffer) => void): void {
    this.audio?.onMessage(audio);
    this.video?.onMessage(video);
  }

  /** `listener` runs when the publisher's connection fails or closes. */
  whenGone(listener: () => void): void {
    this.peer.onStateChange((state) => {
      if (state === 'failed' || state === 'closed') listener();
    });
  }

  /** Whether a key-frame request can reach the publisher: its video track closes on its own when the publisher goes (DTLS close). */
  get takesKeyframeRequests(): boolean {
    return this.video !== null && !this.video.isClosed();
  }

  /** A PLI to the publisher, sent by the video track's media handler. */
  requestKeyframe(): void {
    this.video?.requestKeyframe();
  }

  /** A trickled ICE candidate of the publisher (WHIP PATCH). */
  addRemoteCandidate(candidate: string, mid: string): void {
    this.peer.addRemoteCandidate(candidate, mid);
  }

  close(): void {
    this.peer.close();
  }
}
